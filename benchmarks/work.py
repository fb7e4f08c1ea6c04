"""Work per page at two sizes, in units that do not drift with the machine's speed.

The probe (benchmarks/probe.py) counts, for one warm request per endpoint, the Python function
calls and (SQLite) the virtual-machine steps of its queries. Unlike a p50, those counts are the
same on a quiet and on a busy machine, so comparing them between 1,000 and 10,000 profiles shows
whether a page really does more work at the larger size (a scan of every profile costs thousands
of VM steps, a loop over them thousands of calls) — the question the p50 ratio asks, without the
drift between two measuring phases minutes apart."""

from __future__ import annotations

from benchmarks.harness import PAGES, TARGETS

MEASURES = ("python_calls", "sqlite_vm_steps")


def work_ratios(probes_by_size: dict[int, dict]) -> list[dict]:
    """One row per page and measure: the counts at the smallest and largest size and their ratio,
    judged against the page-size target. ``probes_by_size`` maps size to the probe's
    ``endpoints`` dict."""
    if len(probes_by_size) < 2:
        return []
    small, large = min(probes_by_size), max(probes_by_size)
    limit = TARGETS["page_p50_size_ratio"]
    rows = []
    for page in PAGES:
        for measure in MEASURES:
            a = (probes_by_size[small].get(page) or {}).get(measure)
            b = (probes_by_size[large].get(page) or {}).get(measure)
            if a is None or b is None:
                continue
            ratio = round(b / a, 3) if a else None
            rows.append(
                {
                    "endpoint": page,
                    "measure": measure,
                    "sizes": [small, large],
                    "counts": [a, b],
                    "ratio": ratio,
                    "ok": None if ratio is None else ratio <= limit,
                }
            )
    return rows


def work_problems(rows: list[dict]) -> list[str]:
    return [
        f"{row['endpoint']} does {row['ratio']}× the {row['measure']} at {row['sizes'][1]:,} profiles "
        f"as at {row['sizes'][0]:,}"
        for row in rows
        if row["ok"] is False
    ]


def markdown_table(rows_by_db: dict[str, list[dict]]) -> str:
    if not any(rows_by_db.values()):
        return ""
    lines = [
        "",
        "Work per request (one warm request; counts do not depend on the machine's speed):",
        "",
        "| db | page | measure | at smaller size | at larger size | ratio | within target |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for db, rows in rows_by_db.items():
        for row in rows:
            a, b = row["counts"]
            ok = "–" if row["ok"] is None else ("yes" if row["ok"] else "NO")
            lines.append(
                f"| {db} | {row['endpoint']} | {row['measure']} | {a:,} | {b:,} | {row['ratio']} | {ok} |"
            )
    return "\n".join(lines) + "\n"
