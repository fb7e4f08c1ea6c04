"""Registration race, run by benchmarks/run.py on PostgreSQL: N threads register at the same moment
for a session with C seats through ``events.registration.register``; expected exactly C confirmed,
N - C waitlisted and no errors. Prints ``RACE_JSON {...}``."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=100)
    parser.add_argument("--capacity", type=int, default=30)
    args = parser.parse_args()
    try:
        from events import registration
        from events.models import EventIndexPage, ExchangeSessionPage, Registration
    except ImportError as error:
        print("RACE_JSON " + json.dumps({"skipped": f"events app not available: {error}"}))
        return

    index = EventIndexPage.objects.first()
    if index is None:
        print("RACE_JSON " + json.dumps({"skipped": "no EventIndexPage in the tree"}))
        return
    start = timezone.now() + datetime.timedelta(days=30)
    session = ExchangeSessionPage(
        title=f"Benchmark wedloop {int(time.time())}",
        start=start,
        end=start + datetime.timedelta(hours=2),
        capacity=args.capacity,
        intro="Fictieve bijeenkomst voor de benchmark van gelijktijdige aanmeldingen.",
        format="online",
        online_link="https://voorbeeld.invalid/bijeenkomst",
        theme_support_needs=["expertise"],
    )
    index.add_child(instance=session)
    session.save_revision().publish()
    connection.close()

    barrier = threading.Barrier(args.threads)
    outcomes: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        try:
            barrier.wait()
            reg = registration.register(
                session,
                {
                    "name": f"Deelnemer {i}",
                    "email": f"deelnemer{i}@voorbeeld.invalid",
                    "organisation": "Benchmark",
                    "municipality": None,
                    "role": Registration.Role.OTHER,
                },
            )
            with lock:
                outcomes.append(reg.status)
        except Exception as error:  # noqa: BLE001 - every failure counts as an error here
            with lock:
                errors.append(f"{type(error).__name__}: {error}"[:200])
        finally:
            connections.close_all()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    stored = dict.fromkeys(("confirmed", "waitlisted"), 0)
    for status in Registration.objects.filter(session=session).values_list("status", flat=True):
        stored[status] = stored.get(status, 0) + 1
    result = {
        "threads": args.threads,
        "capacity": args.capacity,
        "confirmed": stored.get("confirmed", 0),
        "waitlisted": stored.get("waitlisted", 0),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:3],
        "returned": {s: outcomes.count(s) for s in set(outcomes)},
        "seconds": round(seconds, 2),
    }
    result["ok"] = (
        result["confirmed"] == args.capacity
        and result["waitlisted"] == args.threads - args.capacity
        and not errors
    )
    print("RACE_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()
