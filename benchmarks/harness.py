"""Pure helpers of the benchmark harness (no Django, no processes): endpoint definitions, the wrk
Lua reporter and its parser, /proc parsing, targets and the Markdown summary. Unit-tested in
tests/benchmarks/test_harness.py; benchmarks/run.py does the orchestration."""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass

# --- endpoints ---------------------------------------------------------------------------------

SEARCH_FILTERS = "stage=implemented&offer=divorce_desk&size_class=under_50k"
SEARCH_QUERY = "scheiding"


@dataclass(frozen=True)
class Endpoint:
    name: str
    label: str
    paths: tuple[str, ...]  # the first that answers 200 is used; "{profile}" rotates profile URLs
    count_queries: bool = False  # measure DB queries per request (must not grow with data)


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "search_api_query",
        "Search API, query + 3 filters",
        (f"/api/search/?q={SEARCH_QUERY}&{SEARCH_FILTERS}",),
        count_queries=True,
    ),
    Endpoint(
        "search_api_filters",
        "Search API, 3 filters",
        (f"/api/search/?{SEARCH_FILTERS}",),
        count_queries=True,
    ),
    Endpoint(
        "api_v2_listing",
        "API v2 listing, 20/page (baseline)",
        ("/api/v2/approaches/?limit=20", "/api/v2/pages/?type=practices.ApproachPage&limit=20"),
        count_queries=True,
    ),
    Endpoint("profile_page", "Profile page (+ comparable)", ("{profile}",), count_queries=True),
    Endpoint(
        "search_page",
        "Search HTML page",
        (f"/zoeken/?q={SEARCH_QUERY}&stage=implemented",),
        count_queries=True,
    ),
    Endpoint(
        "search_suggest",
        "Search suggestions (prefix)",
        ("/api/search/suggest/?q=zoet", "/api/search/suggest/?q=fictief%20pro", "/api/search/suggest/?q=den"),
        count_queries=True,
    ),
    Endpoint("overview_page", "Overview page", ("/landelijk-beeld/",), count_queries=True),
    Endpoint("home_page", "Home page", ("/",), count_queries=True),
    Endpoint("sessions_page", "Sessions list", ("/bijeenkomsten/",), count_queries=True),
    Endpoint("session_page", "Session page", ("{session}",), count_queries=True),
)
BASELINE = "api_v2_listing"
SEARCH_ENDPOINTS = ("search_api_query", "search_api_filters")
# Endpoints whose query count must be the same at every size (the N+1 guard).
QUERY_STABLE = tuple(e.name for e in ENDPOINTS if e.count_queries)
# Pages whose p50 at the largest size must stay within PAGE_SIZE_RATIO of the smallest (issue 19).
PAGES = ("profile_page", "search_page", "overview_page", "home_page", "sessions_page", "session_page")


# --- wrk ---------------------------------------------------------------------------------------

WRK_MARKER = "WRK_JSON "

# wrk's Lua API: request() rotates over the paths, done() prints one JSON line (latency in µs).
WRK_LUA = r"""
local paths = {%(paths)s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
local non2xx = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '%(marker)s{"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "status": %%d, "timeout": %%d, "p50": %%d, "p90": %%d, "p95": %%d, "p99": %%d, ' ..
    '"max": %%d, "mean": %%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
"""


def lua_script(paths: list[str] | tuple[str, ...]) -> str:
    quoted = ", ".join(json.dumps(p) for p in paths)
    return WRK_LUA % {"paths": quoted, "marker": WRK_MARKER}


@dataclass
class LoadResult:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # non-2xx + socket errors (connect, read, write, timeout)
    non2xx: int
    socket_errors: int

    def as_dict(self) -> dict:
        return dict(vars(self))


def parse_wrk(output: str) -> LoadResult:
    """The JSON line our done() hook prints; wrk counts non-2xx/3xx in ``status``."""
    for line in output.splitlines():
        if line.startswith(WRK_MARKER):
            data = json.loads(line[len(WRK_MARKER) :])
            break
    else:
        raise ValueError("no wrk result line in output")
    seconds = data["duration_us"] / 1e6
    socket_errors = data["connect"] + data["read"] + data["write"] + data["timeout"]
    return LoadResult(
        requests=data["requests"],
        seconds=round(seconds, 2),
        rps=round(data["requests"] / seconds, 1) if seconds else 0.0,
        p50_ms=data["p50"] / 1000,
        p90_ms=data["p90"] / 1000,
        p95_ms=data["p95"] / 1000,
        p99_ms=data["p99"] / 1000,
        max_ms=data["max"] / 1000,
        errors=data["status"] + socket_errors,
        non2xx=data["status"],
        socket_errors=socket_errors,
    )


# --- /proc -------------------------------------------------------------------------------------


def parse_proc_status_kb(status_text: str, key: str = "VmHWM") -> int | None:
    """Peak resident set size (VmHWM) in kB from /proc/<pid>/status."""
    match = re.search(rf"^{key}:\s+(\d+)\s+kB", status_text, re.MULTILINE)
    return int(match.group(1)) if match else None


# --- targets -----------------------------------------------------------------------------------

TARGETS = {
    "search_p50_vs_baseline": 3.0,  # faceted search p50 <= 3x the listing's p50 (same run)
    "search_api_p95_ms": 100.0,
    "profile_p95_ms": 150.0,
    "errors_at_32": 0,
    "worker_rss_mb": 300.0,
    "index_rebuild_s": 60.0,
    "after_publish_ms": 150.0,  # the first request to each endpoint after a publish
    "page_p50_size_ratio": 1.3,  # p50 at 10,000 profiles / p50 at 1,000 for each page in PAGES
    "text_search_p50_vs_baseline": 0.5,  # search_api_query p50 <= 0.5x the listing's p50
}


def evaluate_targets(result: dict) -> dict[str, dict]:
    """Check one (db, size) result against the issue's targets.

    Latency targets use the unqueued phase (as many connections as workers); the error target the
    32-connection load phase. Missing endpoints give ``None`` (not measured)."""
    latency = {name: dict(values) for name, values in result.get("latency", {}).items()}
    for name, seconds in (result.get("skipped") or {}).items():
        # too slow to load-test: its single-request time stands in for every percentile
        latency[name] = {"p50_ms": seconds * 1000, "p95_ms": seconds * 1000}
    load = result.get("load", {})
    checks: dict[str, dict] = {}

    def add(name, value, limit, passes):
        checks[name] = {"value": value, "limit": limit, "ok": None if value is None else passes(value)}

    base = latency.get(BASELINE, {}).get("p50_ms")
    for name in SEARCH_ENDPOINTS:
        p50 = latency.get(name, {}).get("p50_ms")
        ratio = round(p50 / base, 2) if p50 is not None and base else None
        limit = TARGETS["search_p50_vs_baseline"]
        add(f"{name}_p50_ratio", ratio, limit, lambda v, limit=limit: v <= limit)
        limit = TARGETS["search_api_p95_ms"]
        p95 = latency.get(name, {}).get("p95_ms")
        add(f"{name}_p95_ms", p95, limit, lambda v, limit=limit: v < limit)
    limit = TARGETS["profile_p95_ms"]
    add("profile_page_p95_ms", latency.get("profile_page", {}).get("p95_ms"), limit, lambda v: v < limit)
    # an endpoint that completed no request at all during the run counts as failing too
    errors = sum(v.get("errors", 0) + (v.get("requests", 1) == 0) for v in load.values()) if load else None
    add("errors_at_32", errors, 0, lambda v: v == 0)
    rss = result.get("worker_rss_mb") or []
    rss_limit = TARGETS["worker_rss_mb"]
    add("worker_rss_mb", max(rss) if rss else None, rss_limit, lambda v: v < rss_limit)
    rebuild_limit = TARGETS["index_rebuild_s"]
    add("index_rebuild_s", result.get("index_rebuild_s"), rebuild_limit, lambda v: v < rebuild_limit)
    text_limit = TARGETS["text_search_p50_vs_baseline"]
    text = checks.get("search_api_query_p50_ratio", {}).get("value")
    add("text_search_p50_vs_baseline", text, text_limit, lambda v: v <= text_limit)
    publish_limit = TARGETS["after_publish_ms"]
    after = result.get("after_publish_ms") or {}
    worst = max(after.values()) if after else None
    add("after_publish_ms", worst, publish_limit, lambda v: v <= publish_limit)
    return checks


def paired_first(round_index: int) -> tuple[str, str]:
    """Which server a paired round measures first: small, large, then large, small (ABBA), so a
    linear drift in machine speed adds as much to one size as to the other over two rounds."""
    return ("small", "large") if round_index % 2 == 0 else ("large", "small")


def paired_ratio(rounds: list[list[float]] | list[tuple[float, float]]) -> float | None:
    """Median over rounds of (large p50 / small p50) measured back to back in that round; rounds
    in which either side completed nothing (p50 0 or None) are left out."""
    ratios = [large / small for small, large in rounds if small and large]
    return round(statistics.median(ratios), 2) if ratios else None


def paired_entry(rounds: list[list[float]], seconds: int, sizes: list[int], errors: int = 0) -> dict:
    """One page's record in the large size's ``paired_size_ratio``."""
    return {
        "ratio": paired_ratio(rounds),
        "rounds": [list(pair) for pair in rounds],
        "seconds": seconds,
        "sizes": list(sizes),
        "errors": errors,
    }


def size_ratios(results: list[dict]) -> list[dict]:
    """For each database and page: p50 at the largest size / p50 at the smallest.

    ``sequential_ratio`` compares the two sizes' own phases (measured minutes apart, so machine
    drift between the phases enters it); ``paired_ratio`` the interleaved rounds recorded in the
    large size's ``paired_size_ratio`` (same sizes only). The target is judged on the paired ratio
    when there is one (``basis``), else on the sequential one."""
    rows = []
    limit = TARGETS["page_p50_size_ratio"]
    for db in dict.fromkeys(r["db"] for r in results):
        by_size = {r["size"]: r for r in results if r["db"] == db}
        if len(by_size) < 2:
            continue
        sizes = [min(by_size), max(by_size)]
        small, large = by_size[sizes[0]], by_size[sizes[1]]
        for name in PAGES:
            a = small.get("latency", {}).get(name, {}).get("p50_ms")
            b = large.get("latency", {}).get(name, {}).get("p50_ms")
            sequential = round(b / a, 2) if a and b else None
            paired = (large.get("paired_size_ratio") or {}).get(name) or {}
            if paired.get("sizes", sizes) != sizes:
                paired = {}
            paired_value = paired.get("ratio")
            ratio = paired_value if paired_value is not None else sequential
            rows.append(
                {
                    "db": db,
                    "endpoint": name,
                    "sizes": sizes,
                    "p50_ms": [a, b],
                    "sequential_ratio": sequential,
                    "paired_ratio": paired_value,
                    "paired_rounds": len(paired.get("rounds", [])) if paired_value is not None else 0,
                    "ratio": ratio,
                    "basis": "paired" if paired_value is not None else "sequential",
                    "ok": None if ratio is None else ratio <= limit,
                }
            )
    return rows


def query_regressions(counts_by_size: dict[int, dict[str, int | None]]) -> list[str]:
    """Endpoints whose queries per request differ between sizes (an N+1 or a scan per hit)."""
    problems = []
    sizes = sorted(counts_by_size)
    for name in QUERY_STABLE:
        values = {size: counts_by_size[size].get(name) for size in sizes}
        known = {v for v in values.values() if v is not None}
        if len(known) > 1:
            detail = ", ".join(f"{size}: {value}" for size, value in values.items())
            problems.append(f"{name} queries per request differ by size ({detail})")
    return problems


# --- report ------------------------------------------------------------------------------------


def _phase(values: dict, seconds_key: str = "seconds") -> list[str]:
    """p50, p95, p99, req/s cells; a phase in which no request completed says so."""
    if values and values.get("requests") == 0:
        return ["none completed", "–", "–", "0"]
    return [_fmt(values.get(key)) for key in ("p50_ms", "p95_ms", "p99_ms", "rps")]


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown_summary(results: list[dict]) -> str:
    """One table row per (database, size, endpoint), then setup figures and target checks."""
    lines = [
        "| db | profiles | endpoint | queries/req | p50 ms | p95 ms | p99 ms | req/s | "
        "p50 @32 | p95 @32 | p99 @32 | req/s @32 | errors @32 | after publish ms |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        labels = {e.name: e.label for e in ENDPOINTS}
        for name in result.get("endpoints", []):
            lat = result.get("latency", {}).get(name, {})
            load = result.get("load", {}).get(name, {})
            queries = result.get("queries", {}).get(name)
            skipped = (result.get("skipped") or {}).get(name)
            if skipped is not None:
                lines.append(
                    f"| {result['db']} | {result['size']:,} | {labels.get(name, name)} | {_fmt(queries)} | "
                    f"{_fmt(skipped * 1000, 0)} (1 request) | – | – | – | not load-tested: "
                    f"one request takes {skipped:.1f} s | | | | | |"
                )
                continue
            cells = [result["db"], f"{result['size']:,}", labels.get(name, name), _fmt(queries)]
            cells += _phase(lat) + _phase(load) + [_fmt(load.get("errors"))]
            cells.append(_fmt((result.get("after_publish_ms") or {}).get(name)))
            lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "| db | profiles | generate s | index rebuild s | worker peak RSS MB | search/baseline p50 "
        "(query; filters) | targets met |",
        "|---|---:|---:|---:|---|---|---|",
    ]
    for result in results:
        checks = result.get("targets") or evaluate_targets(result)
        ratios = "; ".join(
            _fmt(checks.get(f"{name}_p50_ratio", {}).get("value"), 2) for name in SEARCH_ENDPOINTS
        )
        missed = [name for name, check in checks.items() if check["ok"] is False]
        unknown = [name for name, check in checks.items() if check["ok"] is None]
        verdict = (
            "all"
            if not missed and not unknown
            else (
                ("missed: " + ", ".join(missed) if missed else "")
                + ("; " if missed and unknown else "")
                + ("not measured: " + ", ".join(unknown) if unknown else "")
            )
        )
        rss = ", ".join(_fmt(v, 0) for v in result.get("worker_rss_mb") or []) or "–"
        lines.append(
            f"| {result['db']} | {result['size']:,} | {_fmt(result.get('generate_s'))} | "
            f"{_fmt(result.get('index_rebuild_s'))} | {rss} | {ratios} | {verdict} |"
        )
    ratios = size_ratios(results)
    if ratios:
        limit = _fmt(TARGETS["page_p50_size_ratio"], 1)
        lines += [
            "",
            f"Page p50 at the largest size ÷ at the smallest (target ≤ {limit}×; judged on the paired "
            "ratio where measured, else on the sequential one):",
            "",
            "| db | page | profiles | p50 ms, sequential phases | p50 large/small, sequential phases | "
            f"paired (interleaved, median of N rounds) | within {limit}× |",
            "|---|---|---|---|---:|---:|---|",
        ]
        for row in ratios:
            small, large = (_fmt(v) for v in row["p50_ms"])
            sizes = " → ".join(f"{size:,}" for size in row["sizes"])
            verdict = "–" if row["ok"] is None else ("yes" if row["ok"] else "no")
            verdict += f" ({row['basis']})" if row["ok"] is not None else ""
            paired = (
                f"{_fmt(row['paired_ratio'], 2)} (N = {row['paired_rounds']})"
                if row["paired_ratio"] is not None
                else "–"
            )
            label, sequential = labels_of(row["endpoint"]), _fmt(row["sequential_ratio"], 2)
            cells = [row["db"], label, sizes, f"{small} → {large}", sequential, paired, verdict]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def labels_of(name: str) -> str:
    return next((e.label for e in ENDPOINTS if e.name == name), name)
