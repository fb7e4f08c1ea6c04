"""The search-index rebuild with the fix proposed in BENCHMARKS.md, for before/after numbers.

``manage.py rebuild_search_index`` stores documents one by one; every save fires modelsearch's
post_save handler, whose SQLite/PostgreSQL index ``add_items`` ends with
``_refresh_title_norms()``: an aggregate over the whole index table and an UPDATE, per document.
That makes the rebuild quadratic in the number of profiles. The fix: store the documents in one
transaction without the per-save signal, then index them with ``backend.add_bulk`` in chunks
(one title-norm refresh per chunk). This script does exactly that by disconnecting the handler
for ``SearchDocument`` during the rebuild; it changes nothing in the search app.

Prints ``REBUILD_JSON {"documents": n, "seconds": s}``."""

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
from django.db.models.signals import post_save  # noqa: E402
from modelsearch.signal_handlers import post_save_signal_handler  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from search.documents import rebuild_database_documents  # noqa: E402
from search.models import SearchDocument  # noqa: E402

CHUNK = 1000


def main() -> None:
    started = time.perf_counter()
    post_save.disconnect(post_save_signal_handler, sender=SearchDocument)
    try:
        with transaction.atomic():
            count = rebuild_database_documents()
            backend = get_search_backend()
            ids = list(SearchDocument.objects.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), CHUNK):
                backend.add_bulk(
                    SearchDocument, list(SearchDocument.objects.filter(pk__in=ids[start : start + CHUNK]))
                )
    finally:
        post_save.connect(post_save_signal_handler, sender=SearchDocument)
    print(
        "REBUILD_JSON " + json.dumps({"documents": count, "seconds": round(time.perf_counter() - started, 1)})
    )


if __name__ == "__main__":
    main()
