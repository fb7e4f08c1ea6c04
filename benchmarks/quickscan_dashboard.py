"""Benchmark: counting and rendering a quickscan round's response dashboard and public summary.

A throwaway SQLite database (or ``DATABASE_URL``) gets the reference data (342 municipalities), a
round with an invitation for every municipality and ``--responses`` synthetic complete responses
(``benchmarks.synthetic_responses``), plus ``--started`` unfinished ones. Then, in this process:

* ``dashboard.round_counts`` (all counts, by province and size class): median of ``--repeat`` runs
  and its query count;
* the round's figures 2-19 (``quickscan.figures.round_figures``), the national picture page of the
  round (``/landelijk-beeld/?ronde=<label>``) and one figure's CSV;
* the ministry dashboard (``/admin/quickscan/ronde/<label>/``) and the public summary
  (``/quickscan/ronde/<label>/``) through Django's test client: the first request (maps drawn) and
  the median of the next ``--repeat`` (maps from the cache), with query counts.

Usage: ``.venv/bin/python benchmarks/quickscan_dashboard.py [--responses 342] [--started 80]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(database: str | None) -> None:
    if database is None:
        database = f"sqlite:///{tempfile.mkdtemp(prefix='qs-bench-')}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("setup_roles", verbosity=0)


def _timed(func, repeat: int) -> tuple[float, float, int]:
    """(first seconds, median seconds of the next ``repeat``, queries of the last run)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    func()
    first = time.perf_counter() - started
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            func()
            times.append(time.perf_counter() - started)
    return first, statistics.median(times), len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=342, help="complete responses")
    parser.add_argument("--started", type=int, default=80, help="unfinished responses")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database", help="database URL (default: a temporary SQLite file)")
    options = parser.parse_args()
    _setup(options.database)

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from benchmarks.synthetic_responses import create_responses
    from home.site_tree import ensure_site_tree
    from quickscan import dashboard, figures
    from quickscan.invitations import ensure_invitations
    from quickscan.models import Response, Round
    from regions.models import Municipality

    ensure_site_tree()  # the national picture page serves the round's figures
    round_ = Round.objects.create(label="bench", title="Benchmark", status=Round.Status.OPEN)
    municipalities = list(Municipality.objects.order_by("code"))
    invitations = ensure_invitations(round_, municipalities)
    create_responses(round_, options.responses, seed=1)
    for invitation in invitations[: options.started]:
        started = Response.objects.create(round=round_, invitation=invitation, answers={"q2": "x"})
        started.municipalities.add(invitation.municipality)
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "pw")
    client = Client()
    client.force_login(user)

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    results = {
        "round_counts": _timed(lambda: dashboard.round_counts(round_), options.repeat),
        "admin rounds list (baseline)": _timed(lambda: get("/admin/quickscan/"), options.repeat),
        "admin dashboard": _timed(lambda: get(f"/admin/quickscan/ronde/{round_.label}/"), options.repeat),
        "public summary": _timed(lambda: get(f"/quickscan/ronde/{round_.label}/"), options.repeat),
        "round figures 2-19 (computed)": _timed(lambda: figures.round_figures(round_), options.repeat),
        "national picture ?ronde= (page)": _timed(
            lambda: get(f"/landelijk-beeld/?ronde={round_.label}"), options.repeat
        ),
        "one figure as CSV": _timed(
            lambda: get(f"/landelijk-beeld/?ronde={round_.label}&figuur=7&format=csv"), options.repeat
        ),
    }
    counts = dashboard.round_counts(round_)
    print(
        f"{counts.complete} complete + {counts.started} started responses, {counts.invited} invitations, "
        f"{counts.covered_complete} municipalities covered; {timezone.now():%Y-%m-%d %H:%M} UTC"
    )
    print("| what | first (ms) | median of next (ms) | queries |")
    print("|---|---|---|---|")
    for name, (first, median, queries) in results.items():
        print(f"| {name} | {first * 1000:.0f} | {median * 1000:.1f} | {queries} |")


if __name__ == "__main__":
    main()
