"""In-process timing of the suggestion lookup (search.suggest.SuggestIndex) at a given number of
profile titles, without a database: the index as built from 10,000 fictional titles, the 342 CBS
municipalities with their everyday names, 42 regions, 12 provinces and 60 interventions.

    .venv/bin/python benchmarks/suggest_lookup.py [--profiles 10000] [--lookups 2000]

Prints p50/p95/max in milliseconds of ``lookup`` over typed prefixes of 2-8 letters. The HTTP
figure (with Django, the version check and the JSON) is the ``search_suggest`` endpoint of
benchmarks/run.py."""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from search.places import names_of  # noqa: E402
from search.suggest import SuggestIndex, Suggestion, index_keys  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--lookups", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(1)
    with (ROOT / "regions" / "data" / "inwonertal.csv").open(encoding="utf-8-sig") as handle:
        places = [row["Naam_2"].strip() for row in csv.DictReader(handle, delimiter=";")]
    words = ["Scheidingsloket", "Samen", "Ouders", "Kind", "Centraal", "Jeugdhulp", "Verder", "Sterk"]
    entries = [
        Suggestion(f"Fictief profiel {n:04d} – {rng.choice(words)} {rng.choice(places)}", "profile", "")
        for n in range(args.profiles)
    ]
    entries += [Suggestion(alias, "place", alias) for name in places for alias in names_of(name)]
    entries += [Suggestion(f"Regio {n}", "region", "") for n in range(42)]
    entries += [Suggestion(f"Provincie {n}", "province", "") for n in range(12)]
    entries += [Suggestion(f"Interventie {n}", "intervention", "") for n in range(60)]
    started = time.perf_counter()
    keys = index_keys(entries)
    index = SuggestIndex(version=(0, None), keys=keys, entries=entries)
    build_ms = (time.perf_counter() - started) * 1000
    vocabulary = [word for entry in entries for word in entry.label.split() if len(word) >= 2]
    prefixes = [rng.choice(vocabulary)[: rng.randint(2, 8)] for _ in range(args.lookups)]
    times = []
    for prefix in prefixes:
        started = time.perf_counter()
        index.lookup(prefix)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(
        f"{len(entries)} entries, {sum(map(len, keys.values()))} keys, build {build_ms:.0f} ms; lookup p50 "
        f"{statistics.median(times):.3f} ms, p95 {p95:.3f} ms, max {times[-1]:.3f} ms"
    )


if __name__ == "__main__":
    main()
