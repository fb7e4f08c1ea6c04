"""In-process probe, run by benchmarks/run.py with the benchmark's environment:

* picks the profile pages to load (fictional, implemented; one fixed page for query counts),
* finds which path of each endpoint answers (e.g. /api/v2/approaches/ or the pages fallback),
* counts database queries per request with Django's CaptureQueriesContext (second request, so
  per-process caches are warm, as in a running worker),
* counts the work of a third request in units that do not drift with the machine's speed:
  Python function calls (cProfile) and, on SQLite, virtual-machine steps of its queries (a scan
  of every profile shows up as thousands of steps). ``benchmarks/work.py`` compares them between
  sizes.

Prints one line ``PROBE_JSON {...}``."""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks.harness import ENDPOINTS  # noqa: E402
from practices.models import ApproachPage  # noqa: E402

PROFILE_SAMPLE = 50
SLOW_S = 30.0


def profile_paths() -> list[str]:
    pages = ApproachPage.objects.live().filter(is_fictional=True, stage="implemented").order_by("slug")
    paths = [page.url for page in pages[:PROFILE_SAMPLE]]
    if not paths:  # no synthetic data: fall back to the real demo profiles
        paths = [page.url for page in ApproachPage.objects.live().order_by("slug")[:PROFILE_SAMPLE]]
    return [p for p in paths if p]


def session_path() -> str | None:
    """An exchange session page (the demo content has a few), if the events app is there."""
    try:
        from events.models import ExchangeSessionPage
    except ImportError:
        return None
    page = ExchangeSessionPage.objects.live().public().order_by("pk").first()
    return page.url if page else None


VM_STEP = 10  # SQLite calls the progress handler every VM_STEP virtual-machine instructions


@contextmanager
def counted_work(report: dict):
    """Python calls and SQLite VM steps of the requests inside the block, into ``report``."""
    steps = [0]

    def count_steps(execute, sql, params, many, context):
        raw = getattr(context["connection"], "connection", None)
        if connection.vendor != "sqlite" or raw is None:
            return execute(sql, params, many, context)

        def tick():
            steps[0] += VM_STEP
            return 0  # 0: go on

        raw.set_progress_handler(tick, VM_STEP)
        try:
            return execute(sql, params, many, context)
        finally:
            raw.set_progress_handler(None, 0)

    profiler = cProfile.Profile()
    with connection.execute_wrapper(count_steps):
        profiler.enable()
        try:
            yield
        finally:
            profiler.disable()
    report["python_calls"] = pstats.Stats(profiler).total_calls
    report["sqlite_vm_steps"] = steps[0] if connection.vendor == "sqlite" else None


def main() -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    profiles = profile_paths()
    session = session_path()
    report: dict = {"profiles": profiles, "endpoints": {}}
    for endpoint in ENDPOINTS:
        chosen = None
        for template in endpoint.paths:
            path = profiles[0] if template == "{profile}" and profiles else template
            path = session if template == "{session}" and session else path
            if "{" in path:
                continue
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as first_captured:
                response = client.get(path)
            first_seconds = time.perf_counter() - started
            if response.status_code == 200:
                chosen = path
                break
        if chosen is None:
            report["endpoints"][endpoint.name] = {"path": None, "status": response.status_code}
            continue
        # Second request, so per-process caches are warm as in a running worker; an endpoint that
        # already took longer than SLOW_S is not asked twice (its cold figures are reported).
        if first_seconds < SLOW_S:
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(chosen)
            seconds = time.perf_counter() - started
        else:
            captured, seconds = first_captured, first_seconds
        info = {
            "path": chosen,
            "status": response.status_code,
            "bytes": len(response.content),
            "queries": len(captured.captured_queries) if endpoint.count_queries else None,
            "seconds": round(seconds, 3),
            "warm": first_seconds < SLOW_S,
        }
        if info["warm"]:
            with counted_work(info):
                client.get(chosen)
        if response.get("Content-Type", "").startswith("application/json"):
            data = json.loads(response.content)
            info["total"] = data.get("total", data.get("meta", {}).get("total_count"))
        report["endpoints"][endpoint.name] = info
    report["approach_pages"] = ApproachPage.objects.live().count()
    print("PROBE_JSON " + json.dumps(report))


if __name__ == "__main__":
    main()
