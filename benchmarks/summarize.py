#!/usr/bin/env python3
"""Combine result files of several runs into one Markdown summary with the N+1 check across sizes:

.venv/bin/python benchmarks/summarize.py benchmarks/results/2026...-*.json > summary.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import markdown_summary, query_regressions  # noqa: E402
from benchmarks.run import compact  # noqa: E402


def main(paths: list[str]) -> int:
    results = [json.loads(Path(p).read_text()) for p in paths]
    results.sort(key=lambda r: (r["db"] != "sqlite", r["size"]))
    print(markdown_summary(results))
    problems = []
    for db in sorted({r["db"] for r in results}):
        counts = {r["size"]: r.get("queries", {}) for r in results if r["db"] == db}
        problems += [f"{db}: {p}" for p in query_regressions(counts)]
    print("Queries per request equal across sizes:", "yes" if not problems else "; ".join(problems))
    for r in results:
        if r.get("registration_race"):
            race = compact(r["registration_race"])
            print(f"\nRegistration race ({r['db']}, {r['size']:,} profiles): {race}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
