#!/usr/bin/env python3
"""Benchmark: importing a whole quickscan round (342 responses) and rendering the response dashboard.

    .venv/bin/python benchmarks/quickscan_import.py [--count 342] [--repeat 5] [--seed 1] [--reuse]

Builds a SQLite database ``var/bench/quickscan_import.sqlite3`` (``--reuse`` keeps an earlier one):
``migrate`` and ``load_demo_content`` (reference data: the 342 CBS municipalities, the page tree),
then opens round ``bench``. It generates ``--count`` synthetic responses with
``benchmarks/synthetic_responses.py`` (every route by Q4, one response per municipality, answers
drawn from the 2025 round's shares), writes them as a round file in the import's columns
(``quickscan.exports.response_row``), and times, ``--repeat`` times each:

* plan: read the CSV and check every row (``round_import.plan_round_import``);
* apply: replace the round's imported responses in one transaction (``apply_round_plan``); from
  the second run on this also deletes the previous run's responses, as a re-import does;
* the response dashboard (the admin page ``quickscan_admin:dashboard``, rendered through Django's
  test client as a superuser, so template and map included) and both CSV exports.

Prints the median and range of each, the number of queries of one dashboard render, and the
machine (cores, CPU model). The file is left in ``var/bench/quickscan_import.csv``, so the command
can be timed in a fresh process too::

    DATABASE_URL=sqlite:///var/bench/quickscan_import.sqlite3 \
      /usr/bin/time -f "%e s, %M KB" .venv/bin/python manage.py import_survey \
      var/bench/quickscan_import.csv --round bench

In-process timings (no HTTP server): they measure the code, not a deployment; run the harness
(benchmarks/run.py) for served figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
DATABASE = VAR / "quickscan_import.sqlite3"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))


def environment() -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "ALLOWED_HOSTS": "testserver,localhost",
        "LOG_LEVEL": "WARNING",
    }


def prepare(reuse: bool) -> None:
    if reuse and DATABASE.exists():
        return
    VAR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    env = {**os.environ, **environment()}
    for args in (("migrate", "--no-input", "-v0"), ("load_demo_content", "--no-users", "--force")):
        started = time.perf_counter()
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
        print(f"  manage.py {args[0]}: {time.perf_counter() - started:.1f} s", flush=True)


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpu = model or platform.processor() or "unknown CPU"
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def timed(function, repeat: int) -> tuple[list[float], object]:
    seconds, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return seconds, result


def shown(label: str, seconds: list[float]) -> str:
    median = statistics.median(seconds)
    low, high = min(seconds) * 1000, max(seconds) * 1000
    return f"{label:<34} median {median * 1000:8.1f} ms   (min {low:.1f}, max {high:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=342)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="keep an existing benchmark database")
    args = parser.parse_args()

    print(f"Machine: {machine()}", flush=True)
    prepare(args.reuse)
    os.environ.update(environment())
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from benchmarks import synthetic_responses
    from quickscan import exports, round_import
    from quickscan.models import Round
    from regions.models import Municipality

    round_, _created = Round.objects.get_or_create(label="bench", defaults={"title": "Benchmark"})
    municipalities = [
        synthetic_responses.Municipality(code, size)
        for code, size in Municipality.objects.order_by("code").values_list("code", "size_class")
    ]
    specs = synthetic_responses.build_responses(args.count, args.seed, municipalities)
    rows = [exports.response_row([spec.municipality_code], spec.answers, spec.explanations) for spec in specs]
    text = exports._csv(round_import.export_columns(), rows)
    (VAR / "quickscan_import.csv").write_text(text, encoding="utf-8")  # for timing the command itself
    routes = sorted({spec.answers.get("q4", "") for spec in specs})
    print(
        f"File: {len(specs)} responses, {len(text) / 1024:.0f} KiB, Q4 answers {', '.join(routes)}",
        flush=True,
    )

    plan_seconds, plan = timed(lambda: round_import.plan_round_import(round_, text), args.repeat)
    if not plan.ok:
        raise SystemExit("\n".join(str(problem) for problem in plan.problems[:20]))
    apply_seconds, outcome = timed(lambda: round_import.apply_round_plan(plan), args.repeat)
    print(f"Saved: {outcome.created} responses, {outcome.municipalities} municipalities covered", flush=True)

    user = get_user_model().objects.filter(username="bench-admin").first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench-admin", "bench@example.org", "x")
    client = Client()
    client.force_login(user)
    url = reverse("quickscan_admin:dashboard", args=[round_.label])

    def dashboard():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    client.get(url)  # warm: templates, caches
    with CaptureQueriesContext(connection) as queries:
        dashboard()
    dashboard_seconds, _page = timed(dashboard, args.repeat)
    export_seconds, _csv = timed(lambda: exports.responses_csv(round_), args.repeat)
    table_seconds, _table = timed(lambda: exports.question_table_csv(round_), args.repeat)

    print(shown(f"plan ({args.count} rows)", plan_seconds))
    print(shown("apply (replace, one transaction)", apply_seconds))
    print(
        shown("plan + apply (medians)", [statistics.median(plan_seconds) + statistics.median(apply_seconds)])
    )
    print(shown(f"dashboard page ({len(queries)} queries)", dashboard_seconds))
    print(shown("export: all responses CSV", export_seconds))
    print(shown("export: per-question table CSV", table_seconds))


if __name__ == "__main__":
    main()
