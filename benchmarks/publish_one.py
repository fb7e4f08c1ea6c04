"""Publisher for the after-publish measurement of benchmarks/run.py: a long-running process (Django
starts once) that, for every line ``publish`` on stdin, changes one fictional profile (one offer
more or less: a facet, a similarity feature and a figure change) and publishes it through
Wagtail's own publishing (``save_revision()`` then ``revision.publish()``, so every signal and
``on_commit`` hook runs as for an editor). Answers each line with ``PUBLISHED {...}`` once the
transaction has committed (the search document is rewritten by then). Never touches real profiles.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from practices import taxonomy  # noqa: E402
from practices.models import ApproachPage  # noqa: E402


def publish(page_id: int, offer: str) -> dict:
    started = time.perf_counter()
    with transaction.atomic():
        page = ApproachPage.objects.get(pk=page_id)
        offers = list(page.offers or [])
        page.offers = [code for code in offers if code != offer] if offer in offers else [*offers, offer]
        revision = page.save_revision()
        revision.publish()
    return {"page_id": page_id, "seconds": round(time.perf_counter() - started, 3)}


def main() -> None:
    ids = list(
        ApproachPage.objects.live().filter(is_fictional=True).order_by("pk").values_list("pk", flat=True)[:50]
    )
    offer = taxonomy.vocabulary("offer").codes[0]
    print("READY " + json.dumps({"candidates": len(ids)}), flush=True)
    for n, line in enumerate(sys.stdin):
        if line.strip() != "publish" or not ids:
            print("PUBLISHED " + json.dumps({"error": "no fictional profile"}), flush=True)
            continue
        print("PUBLISHED " + json.dumps(publish(ids[n % len(ids)], offer)), flush=True)


if __name__ == "__main__":
    main()
