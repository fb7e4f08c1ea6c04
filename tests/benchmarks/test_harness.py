"""The benchmark harness' parsing and verdicts (no server, no database)."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import subprocess
import threading

import pytest

from benchmarks import harness

WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8105
  1 threads and 2 connections
WRK_JSON {"requests": 400, "duration_us": 2000000, "bytes": 81920, "connect": 0, "read": 1, "write": 0, \
"status": 3, "timeout": 2, "p50": 4100, "p90": 7000, "p95": 8200, "p99": 12500, "max": 30000, "mean": 4500.5}
"""


def test_parse_wrk_reads_the_json_line_and_counts_every_error():
    result = harness.parse_wrk(WRK_OUTPUT)
    assert result.requests == 400
    assert result.rps == 200.0
    assert (result.p50_ms, result.p95_ms, result.p99_ms) == (4.1, 8.2, 12.5)
    assert result.non2xx == 3
    assert result.socket_errors == 3  # read + timeout
    assert result.errors == 6


def test_parse_wrk_without_result_line_fails_loudly():
    with pytest.raises(ValueError, match="no wrk result"):
        harness.parse_wrk("unable to connect to 127.0.0.1:8105 Connection refused\n")


def test_lua_script_rotates_over_quoted_paths():
    script = harness.lua_script(["/a/?q=x&y=1", '/b/"quoted"'])
    assert '"/a/?q=x&y=1"' in script
    assert '"/b/\\"quoted\\""' in script
    assert harness.WRK_MARKER in script
    assert "latency:percentile(99)" in script


def test_vmhwm_from_proc_status():
    status = "Name:\tgunicorn\nVmPeak:\t  400000 kB\nVmHWM:\t  183456 kB\nVmRSS:\t  170000 kB\n"
    assert harness.parse_proc_status_kb(status) == 183456
    assert harness.parse_proc_status_kb(status, "VmRSS") == 170000
    assert harness.parse_proc_status_kb("Name: x\n") is None


def _result(**overrides):
    latency = {
        "api_v2_listing": {"p50_ms": 20.0, "p95_ms": 30.0},
        "search_api_query": {"p50_ms": 50.0, "p95_ms": 90.0},
        "search_api_filters": {"p50_ms": 70.0, "p95_ms": 120.0},
        "profile_page": {"p50_ms": 60.0, "p95_ms": 100.0},
    }
    result = {
        "db": "sqlite",
        "size": 10000,
        "endpoints": list(latency),
        "latency": latency,
        "load": {name: {"errors": 0, "p95_ms": 1.0} for name in latency},
        "worker_rss_mb": [180.0, 210.5],
        "index_rebuild_s": 12.0,
    }
    result.update(overrides)
    return result


def test_targets_pass_and_fail_on_the_issue_limits():
    checks = harness.evaluate_targets(_result())
    assert checks["search_api_query_p50_ratio"] == {"value": 2.5, "limit": 3.0, "ok": True}
    assert checks["search_api_filters_p50_ratio"]["value"] == 3.5
    assert checks["search_api_filters_p50_ratio"]["ok"] is False
    assert checks["search_api_query_p95_ms"]["ok"] is True
    assert checks["search_api_filters_p95_ms"]["ok"] is False
    assert checks["profile_page_p95_ms"]["ok"] is True
    assert checks["errors_at_32"]["ok"] is True
    assert checks["worker_rss_mb"] == {"value": 210.5, "limit": 300.0, "ok": True}
    assert checks["index_rebuild_s"]["ok"] is True


def test_errors_memory_and_missing_measurements():
    result = _result(worker_rss_mb=[320.0], index_rebuild_s=None)
    result["load"]["profile_page"]["errors"] = 2
    checks = harness.evaluate_targets(result)
    assert checks["errors_at_32"] == {"value": 2, "limit": 0, "ok": False}
    assert checks["worker_rss_mb"]["ok"] is False
    assert checks["index_rebuild_s"]["ok"] is None  # not measured is not "met"


def test_query_regressions_flag_counts_that_grow_with_size():
    small = {"search_api_query": 7, "profile_page": 26}
    same = {1000: small, 10000: dict(small)}
    assert harness.query_regressions(same) == []
    grown = {1000: small, 10000: {"search_api_query": 7, "profile_page": 31}}
    problems = harness.query_regressions(grown)
    assert len(problems) == 1
    assert "profile_page" in problems[0] and "26" in problems[0] and "31" in problems[0]


def test_markdown_summary_has_a_row_per_endpoint_and_a_verdict():
    result = _result(queries={"search_api_query": 7})
    result["targets"] = harness.evaluate_targets(result)
    text = harness.markdown_summary([result])
    assert "| sqlite | 10,000 | Search API, query + 3 filters | 7 | 50.0 |" in text
    assert "missed: search_api_filters_p50_ratio, search_api_filters_p95_ms" in text
    assert "2.50; 3.50" in text


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk not installed")
def test_lua_reporter_works_with_real_wrk(tmp_path):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            status = 404 if self.path.startswith("/missing") else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            with contextlib.suppress(OSError):  # wrk hangs up mid-response when its time is up
                self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        script = tmp_path / "report.lua"
        script.write_text(harness.lua_script(["/ok", "/missing"]))
        proc = subprocess.run(  # noqa: S603 - fixed arguments
            [
                shutil.which("wrk"),
                "-t1",
                "-c2",
                "-d1s",
                "-s",
                str(script),
                f"http://127.0.0.1:{server.server_port}",
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        server.shutdown()
    result = harness.parse_wrk(proc.stdout)
    assert result.requests > 10
    assert result.non2xx == pytest.approx(result.requests / 2, abs=3)  # every other path is a 404
    assert result.p50_ms > 0


def test_an_endpoint_too_slow_to_load_test_misses_its_targets():
    result = _result()
    del result["latency"]["search_api_query"]
    result["skipped"] = {"search_api_query": 95.0}
    checks = harness.evaluate_targets(result)
    assert checks["search_api_query_p95_ms"] == {"value": 95000.0, "limit": 100.0, "ok": False}
    assert checks["search_api_query_p50_ratio"]["ok"] is False
    assert "not load-tested: one request takes 95.0 s" in harness.markdown_summary([result])


def test_an_endpoint_that_completes_nothing_is_an_error_and_says_so():
    result = _result()
    result["load"]["profile_page"] = {"requests": 0, "errors": 0, "p50_ms": 0.0, "p95_ms": 0.0}
    checks = harness.evaluate_targets(result)
    assert checks["errors_at_32"]["ok"] is False
    assert "none completed" in harness.markdown_summary([result])


def test_work_ratios_compare_the_smallest_and_largest_size_per_page():
    from benchmarks.work import markdown_table, work_problems, work_ratios

    probes = {
        1000: {"home_page": {"python_calls": 50_000, "sqlite_vm_steps": 2_000}, "profile_page": {}},
        10000: {"home_page": {"python_calls": 50_100, "sqlite_vm_steps": 32_000}, "profile_page": {}},
    }
    rows = work_ratios(probes)
    by_measure = {row["measure"]: row for row in rows}
    assert set(by_measure) == {"python_calls", "sqlite_vm_steps"}
    assert by_measure["python_calls"]["ratio"] == 1.002 and by_measure["python_calls"]["ok"]
    assert by_measure["sqlite_vm_steps"]["ratio"] == 16.0 and by_measure["sqlite_vm_steps"]["ok"] is False
    assert work_problems(rows) == ["home_page does 16.0× the sqlite_vm_steps at 10,000 profiles as at 1,000"]
    assert work_ratios({1000: probes[1000]}) == []
    table = markdown_table({"sqlite": rows})
    assert "| sqlite | home_page | sqlite_vm_steps | 2,000 | 32,000 | 16.0 | NO |" in table
    # PostgreSQL has no VM steps: its counts are None and the row is left out
    pg = work_ratios(
        {
            1: {"home_page": {"python_calls": 10, "sqlite_vm_steps": None}},
            2: {"home_page": {"python_calls": 10, "sqlite_vm_steps": None}},
        }
    )
    assert [row["measure"] for row in pg] == ["python_calls"]


def test_paired_ratio_is_the_median_of_the_per_round_ratios():
    # per round 1.2, 0.9, 1.5: the median of the ratios, not the ratio of the sums (210 / 190 = 1.11)
    assert harness.paired_ratio([[50.0, 60.0], [100.0, 90.0], [40.0, 60.0]]) == 1.2
    # per round 1.0, 3.0, 1.1: not the ratio of the medians (75 / 50 = 1.5) nor the mean (1.7)
    assert harness.paired_ratio([[50.0, 50.0], [25.0, 75.0], [100.0, 110.0]]) == 1.1


def test_paired_ratio_of_an_even_number_of_rounds_averages_the_middle_two():
    assert harness.paired_ratio([[10.0, 11.0], [10.0, 14.0], [10.0, 12.0], [10.0, 30.0]]) == 1.3
    assert harness.paired_ratio([[20.0, 20.0], [20.0, 30.0]]) == 1.25


def test_paired_ratio_leaves_out_rounds_without_a_result():
    assert harness.paired_ratio([[None, 50.0], [40.0, 0.0], [40.0, 48.0]]) == 1.2
    assert harness.paired_ratio([]) is None
    assert harness.paired_ratio([[None, None]]) is None


def test_paired_rounds_alternate_which_size_goes_first():
    assert [harness.paired_first(i) for i in range(4)] == [
        ("small", "large"),
        ("large", "small"),
        ("small", "large"),
        ("large", "small"),
    ]


def _sized(size, p50s, paired=None):
    latency = {name: {"p50_ms": value} for name, value in p50s.items()}
    result = {"db": "sqlite", "size": size, "endpoints": list(latency), "latency": latency, "load": {}}
    if paired is not None:
        result["paired_size_ratio"] = paired
    return result


def test_size_ratios_judge_on_the_paired_ratio_when_present():
    small = _sized(1000, {"home_page": 30.0, "session_page": 30.0})
    # sequential phases: home 1.6x (drift), session 1.0x; paired: home 1.05x, session 1.4x
    paired = {
        "home_page": harness.paired_entry([[40.0, 42.0], [44.0, 46.2], [41.0, 43.05]], 3, [1000, 10000]),
        "session_page": harness.paired_entry([[30.0, 42.0]], 3, [1000, 10000]),
    }
    large = _sized(10000, {"home_page": 48.0, "session_page": 30.0}, paired)
    rows = {row["endpoint"]: row for row in harness.size_ratios([small, large])}
    home, session = rows["home_page"], rows["session_page"]
    assert (home["sequential_ratio"], home["paired_ratio"], home["paired_rounds"]) == (1.6, 1.05, 3)
    assert (home["ratio"], home["basis"], home["ok"]) == (1.05, "paired", True)
    assert (session["sequential_ratio"], session["ratio"], session["ok"]) == (1.0, 1.4, False)
    assert rows["profile_page"]["ok"] is None  # measured at neither size


def test_size_ratios_fall_back_to_the_sequential_ratio():
    small = _sized(1000, {"home_page": 30.0, "overview_page": 50.0})
    paired = {
        # a failed warm-up leaves no ratio; a pair of other sizes (another run) does not count
        "home_page": {**harness.paired_entry([], 3, [1000, 10000], errors=1), "error": "timeout"},
        "overview_page": harness.paired_entry([[50.0, 50.0]], 3, [500, 10000]),
    }
    large = _sized(10000, {"home_page": 45.0, "overview_page": 55.0}, paired)
    rows = {row["endpoint"]: row for row in harness.size_ratios([small, large])}
    assert (rows["home_page"]["ratio"], rows["home_page"]["basis"], rows["home_page"]["ok"]) == (
        1.5,
        "sequential",
        False,
    )
    assert (rows["overview_page"]["ratio"], rows["overview_page"]["basis"]) == (1.1, "sequential")
    assert rows["overview_page"]["paired_ratio"] is None


def test_summary_shows_the_sequential_and_the_paired_ratio_and_the_basis():
    small = _sized(1000, {"home_page": 30.0, "overview_page": 50.0})
    paired = {"home_page": harness.paired_entry([[40.0, 42.0], [44.0, 46.2]], 3, [1000, 10000])}
    large = _sized(10000, {"home_page": 48.0, "overview_page": 55.0}, paired)
    text = harness.markdown_summary([small, large])
    assert "p50 large/small, sequential phases" in text
    assert "paired (interleaved, median of N rounds)" in text
    home = "| sqlite | Home page | 1,000 → 10,000 | 30.0 → 48.0 | 1.60 | 1.05 (N = 2) | yes (paired) |"
    assert home in text
    overview = "| sqlite | Overview page | 1,000 → 10,000 | 50.0 → 55.0 | 1.10 | – | yes (sequential) |"
    assert overview in text
