#!/usr/bin/env python3
"""Benchmark harness: serves the site like production and measures it from outside.

For every database (SQLite file under var/bench/, PostgreSQL from DATABASE_URL) and size:
migrate, load reference data and the page tree, generate N synthetic profiles (seeded), rebuild
the search index (timed), count queries per request in-process, start gunicorn (2 workers,
production settings, DEBUG off) on a loopback port, warm up, then per endpoint run wrk twice:
unqueued (as many connections as workers: service latency) and loaded (32 connections: throughput,
queueing, errors). Afterwards the workers' peak RSS (VmHWM), and on PostgreSQL the registration
race. Then, per database with two or more sizes, the paired size comparison: the smallest and the
largest size served at once (ports --port and --port+1), each page measured unqueued on both in
--paired-rounds alternating rounds (small-large, large-small, ...), ratio = median of the rounds'
large/small p50 (machine drift between the sequential phases cannot fake it). Writes
benchmarks/results/<stamp>-<db>-<size>.json and <stamp>-summary.md.

    .venv/bin/python benchmarks/run.py                      # full: sqlite+postgres × 1k+10k
    .venv/bin/python benchmarks/run.py --smoke              # CI: postgres, 1k, seconds per endpoint
    .venv/bin/python benchmarks/run.py --db sqlite --sizes 1000 --duration 5 --latency-duration 3
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import (  # noqa: E402
    ENDPOINTS,
    PAGES,
    evaluate_targets,
    lua_script,
    markdown_summary,
    paired_entry,
    paired_first,
    parse_proc_status_kb,
    parse_wrk,
    query_regressions,
)
from benchmarks.work import markdown_table as work_table  # noqa: E402
from benchmarks.work import work_problems, work_ratios  # noqa: E402

# the interpreter running this script (a virtualenv's, so a worktree can use a shared one)
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
VAR = ROOT / "var" / "bench"
RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_PG = "postgres://postgres@127.0.0.1:54329/postgres"
WARM_TIMEOUT = 150  # seconds; a cold worker's first request may be slow


def log(message: str) -> None:
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


# --- environment and databases -----------------------------------------------------------------


def base_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY="benchmark-only-" + "x" * 40,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(VAR / "static"),
        MEDIA_ROOT=str(VAR / "media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict, *args: str, timeout: int = 1800) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if proc.returncode != 0:
        command = " ".join(args)
        raise RuntimeError(f"manage.py {command} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return time.perf_counter() - started, proc.stdout


def has_command(env: dict, name: str) -> bool:
    proc = subprocess.run(
        [PYTHON, "manage.py", "help", name], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    return proc.returncode == 0


def sidecar(db: str, size: int, tag: str) -> Path:
    """Where the preparation figures of a kept database live (for --reuse)."""
    return VAR / f"kn_bench_{tag}_{size}.{db}.prepare.json"


def sqlite_url(size: int, tag: str, fresh: bool = True) -> str:
    path = VAR / f"kn_bench_{tag}_{size}.sqlite3"
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def postgres_url(server_url: str, size: int, tag: str, fresh: bool = True) -> str:
    """Database kn_bench_<tag>_<size> on the server of ``server_url`` (recreated when fresh)."""
    import psycopg

    parts = urlsplit(server_url)
    name = f"kn_bench_{tag}_{size}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    if fresh:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


# --- measuring ---------------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    log("wrk missing: installing it from Debian (apt-get install -y wrk)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=False, capture_output=True)
    found = shutil.which("wrk")
    if not found:
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=True, capture_output=True)
        found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is not available")
    return found


def run_probe(env: dict) -> dict:
    proc = subprocess.run(
        [PYTHON, "benchmarks/probe.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    for line in proc.stdout.splitlines():
        if line.startswith("PROBE_JSON "):
            return json.loads(line[len("PROBE_JSON ") :])
    raise RuntimeError(f"probe failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")


def run_race(env: dict, threads: int, capacity: int) -> dict:
    proc = subprocess.run(
        [PYTHON, "benchmarks/race.py", "--threads", str(threads), "--capacity", str(capacity)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("RACE_JSON "):
            return json.loads(line[len("RACE_JSON ") :])
    return {"ok": False, "errors": 1, "error_samples": [proc.stderr[-1500:]]}


class Server:
    """gunicorn with production settings on a loopback port; stopped by its own pid."""

    def __init__(self, env: dict, port: int, workers: int):
        self.env, self.port, self.workers = env, port, workers
        self.proc: subprocess.Popen | None = None
        self.log = VAR / f"gunicorn-{port}.log"

    def __enter__(self):
        self.proc = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi:application",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "120",
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=5)  # noqa: S310
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        self.__exit__(None, None, None)  # `with` does not call __exit__ when __enter__ raises
        raise RuntimeError("gunicorn did not answer within 60 s")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            try:
                kb = parse_proc_status_kb(Path(f"/proc/{pid}/status").read_text(), "VmHWM")
            except FileNotFoundError:
                continue
            if kb:
                sizes.append(round(kb / 1024, 1))
        return sizes

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def warm_up(port: int, paths: list[str], rounds: int) -> float | str:
    """Sequential requests first, so each worker has loaded its code and caches before timing
    (a cold first request may be slow). Returns the last request's seconds, or an error text."""
    seconds = 0.0
    for i in range(rounds):
        path = paths[i % len(paths)]
        started = time.perf_counter()
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=WARM_TIMEOUT).read()  # noqa: S310
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            return f"{path}: {error}"
        seconds = time.perf_counter() - started
    return seconds


def wrk(binary: str, port: int, paths: list[str], connections: int, seconds: int, threads: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, dir=VAR) as script:
        script.write(lua_script(paths))
    try:
        proc = subprocess.run(
            [
                binary,
                f"-t{min(threads, connections)}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
    finally:
        Path(script.name).unlink(missing_ok=True)
    return parse_wrk(proc.stdout).as_dict()


# --- one (database, size) ----------------------------------------------------------------------


def prepare(env: dict, size: int, seed: int, steps: list[int] | None = None) -> dict:
    """Migrate, reference data + tree, profiles (in ``steps`` if given), index rebuild."""
    info: dict = {}
    info["migrate_s"] = round(manage(env, "migrate", "--no-input", "-v0")[0], 1)
    info["demo_s"] = round(manage(env, "load_demo_content", "--no-users", "--force")[0], 1)
    seconds, out = manage(
        env, "generate_synthetic_profiles", "--count", str(size), "--seed", str(seed), "--no-index"
    )
    info["generate_s"] = round(seconds, 1)
    info["generate_log"] = out.strip().splitlines()[-1:] if out else []
    info.update(rebuild_index(env))
    return info


def rebuild_index(env: dict) -> dict:
    if not has_command(env, "rebuild_search_index"):
        return {"index_rebuild_s": None, "index_note": "rebuild_search_index not available"}
    seconds, _ = manage(env, "rebuild_search_index")
    return {"index_rebuild_s": round(seconds, 1)}


def endpoint_paths(result: dict, name: str) -> list[str]:
    """The paths wrk rotates over for an endpoint of a measured result: the probe's sample of
    profiles for the profile page, else the one path the probe found answering."""
    if name == "profile_page":
        return result["profile_paths"]
    return [result["probe"][name]["path"]]


def measure(env: dict, args, wrk_bin: str, db: str, size: int, probe: dict, prepare_info: dict) -> dict:
    result: dict = {"db": db, "size": size, **prepare_info}
    result["queries"] = {name: info.get("queries") for name, info in probe["endpoints"].items()}
    result["probe"] = probe["endpoints"]
    result["profile_paths"] = probe["profiles"]
    result["approach_pages"] = probe.get("approach_pages")
    skip = {name.strip() for name in args.skip.split(",") if name.strip()}
    available = {
        name: info for name, info in probe["endpoints"].items() if info.get("path") and name not in skip
    }
    result["endpoints"] = [e.name for e in ENDPOINTS if e.name in available]
    result["missing_endpoints"] = [e.name for e in ENDPOINTS if e.name not in available]
    result["latency"], result["load"] = {}, {}
    server = Server(env, args.port, args.workers).__enter__()
    try:
        for endpoint in ENDPOINTS:
            if endpoint.name not in available:
                continue
            paths = endpoint_paths(result, endpoint.name)
            single = available[endpoint.name].get("seconds") or 0
            # the probe's (warm) request already exceeded the limit: don't queue more of them
            warm = warm_up(args.port, paths, 2 * args.workers) if single <= args.slow_limit else single
            if isinstance(warm, str) or warm > args.slow_limit:
                # One warm request takes longer than the limit (or fails): a load test would only
                # queue timeouts and keep the workers busy for the next endpoint. Report it and
                # restart gunicorn.
                single = single if isinstance(warm, str) else warm
                result["skipped"] = {**result.get("skipped", {}), endpoint.name: round(single, 1)}
                if isinstance(warm, str):
                    result.setdefault("skip_reasons", {})[endpoint.name] = warm
                log(f"{db} {size:>6} {endpoint.name:<20} skipped: one request takes {single:.1f} s ({warm})")
                server.__exit__(None, None, None)
                server = Server(env, args.port, args.workers).__enter__()
                continue
            wrk(wrk_bin, args.port, paths, args.workers, args.warmup, 1)
            load_before = os.getloadavg()[0]
            result["latency"][endpoint.name] = wrk(
                wrk_bin, args.port, paths, args.workers, args.latency_duration, 1
            )
            result["load"][endpoint.name] = wrk(wrk_bin, args.port, paths, args.connections, args.duration, 2)
            lat, load = result["latency"][endpoint.name], result["load"][endpoint.name]
            loadavg = [round(load_before, 2), round(os.getloadavg()[0], 2)]
            result.setdefault("loadavg_1m", {})[endpoint.name] = loadavg
            log(
                f"{db} {size:>6} {endpoint.name:<20} p50 {lat['p50_ms']:7.1f} p95 {lat['p95_ms']:7.1f} ms "
                f"| @{args.connections}: p95 {load['p95_ms']:7.1f} ms {load['rps']:7.1f} req/s "
                f"errors {load['errors']}"
            )
            if load["errors"] or load["p99_ms"] > 5000:
                # flush queued requests of closed connections before the next endpoint
                server.__exit__(None, None, None)
                server = Server(env, args.port, args.workers).__enter__()
        if not args.no_after_publish:
            paths = {
                name: ([probe["profiles"][0]] if name == "profile_page" else [available[name]["path"]])
                for name in result["endpoints"]
                if name not in result.get("skipped", {})
            }
            result["after_publish_ms"], result["after_publish_samples_ms"] = after_publish(
                env, args.port, paths, args.after_publish_repeat
            )
            log(f"{db} {size:>6} after publish (median ms): {result['after_publish_ms']}")
        result["worker_rss_mb"] = server.worker_rss_mb()
    finally:
        server.__exit__(None, None, None)
    result["settings"] = {
        "workers": args.workers,
        "connections": args.connections,
        "duration_s": args.duration,
        "latency_connections": args.workers,
        "latency_duration_s": args.latency_duration,
        "seed": args.seed,
    }
    result["targets"] = evaluate_targets(result)
    return result


def paired_sizes(args, wrk_bin: str, small: dict, small_url: str, large: dict, large_url: str) -> dict:
    """The paired size comparison of one database: both sizes served at once (``args.port`` and
    ``args.port + 1``), per page in PAGES measured at both sizes: warm-up on both, then
    ``args.paired_rounds`` rounds of one unqueued wrk run (as many connections as workers) per
    server, alternating which goes first (``paired_first``). Returns ``{page: paired_entry}``."""
    db, sizes = large["db"], [small["size"], large["size"]]
    results = {"small": small, "large": large}
    ports = {"small": args.port, "large": args.port + 1}
    pages = [name for name in PAGES if name in small["latency"] and name in large["latency"]]
    record: dict[str, dict] = {}
    with (
        Server(base_env(small_url), ports["small"], args.workers),
        Server(base_env(large_url), ports["large"], args.workers),
    ):
        for name in pages:
            paths = {side: endpoint_paths(result, name) for side, result in results.items()}
            failed = None
            for side in ("small", "large"):
                warm = warm_up(ports[side], paths[side], 2 * args.workers)
                if isinstance(warm, str):
                    failed = f"{side} warm-up: {warm}"
                    break
                wrk(wrk_bin, ports[side], paths[side], args.workers, args.warmup, 1)
            if failed:
                record[name] = {**paired_entry([], args.paired_seconds, sizes, errors=1), "error": failed}
                log(f"{db} paired {sizes[0]}/{sizes[1]} {name:<20} failed: {failed}")
                continue
            rounds, errors = [], 0
            for round_index in range(args.paired_rounds):
                p50: dict[str, float | None] = {}
                for side in paired_first(round_index):
                    lat = wrk(wrk_bin, ports[side], paths[side], args.workers, args.paired_seconds, 1)
                    p50[side] = lat["p50_ms"] if lat["requests"] else None
                    errors += lat["errors"]
                rounds.append([p50["small"], p50["large"]])
            record[name] = paired_entry(rounds, args.paired_seconds, sizes, errors)
            ratio = record[name]["ratio"]
            shown = ", ".join(f"{_ms(a)}/{_ms(b)}" for a, b in rounds)
            log(
                f"{db} paired {sizes[0]}/{sizes[1]} {name:<20} ratio "
                f"{'–' if ratio is None else f'{ratio:.2f}'} (p50 ms small/large per round: {shown}; "
                f"errors {errors})"
            )
    return record


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


class Publisher:
    """benchmarks/publish_one.py: publishes one fictional profile per call (Wagtail's own
    ``revision.publish()``) in a separate process, answering once the transaction committed."""

    def __init__(self, env: dict):
        self.proc = subprocess.Popen(
            [PYTHON, "benchmarks/publish_one.py"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._read("READY ")

    def _read(self, marker: str) -> dict:
        for line in self.proc.stdout:
            if line.startswith(marker):
                return json.loads(line[len(marker) :])
        raise RuntimeError("publisher exited")

    def publish(self) -> dict:
        self.proc.stdin.write("publish\n")
        self.proc.stdin.flush()
        return self._read("PUBLISHED ")

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def timed_get(port: int, path: str) -> float:
    started = time.perf_counter()
    urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=WARM_TIMEOUT).read()  # noqa: S310
    return (time.perf_counter() - started) * 1000


def after_publish(env: dict, port: int, paths: dict[str, list[str]], repeat: int) -> tuple[dict, dict]:
    """Per endpoint, ``repeat`` times: serve it on both workers, publish one profile, then time the
    next request (a worker that has served the endpoint before meets the changed registry first).
    Returns the median per endpoint and every sample."""
    import statistics

    publisher = Publisher(env)
    samples: dict[str, list[float]] = {}
    try:
        for name, endpoint_paths in paths.items():
            for _ in range(repeat):
                for _warm in range(4):
                    timed_get(port, endpoint_paths[0])
                publisher.publish()
                samples.setdefault(name, []).append(round(timed_get(port, endpoint_paths[0]), 1))
    finally:
        publisher.close()
    return {name: round(statistics.median(values), 1) for name, values in samples.items()}, samples


def compact(race: dict) -> str:
    keys = ("threads", "capacity", "confirmed", "waitlisted", "errors", "seconds", "ok", "skipped")
    shown = {key: race[key] for key in keys if key in race}
    if race.get("error_samples"):
        shown["first_error"] = race["error_samples"][0].strip().splitlines()[-1][:200]
    return json.dumps(shown, ensure_ascii=False)


def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = parse_proc_status_kb(Path("/proc/meminfo").read_text(), "MemTotal") or 0
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def paired_step(
    args, wrk_bin: str, small: tuple[dict, str, Path], large: tuple[dict, str, Path]
) -> list[str]:
    """Run ``paired_sizes`` for the smallest and largest measured size and store it in the large
    size's result (``paired_size_ratio``; the caller rewrites its JSON file); returns failures."""
    (small_result, small_url, _), (large_result, large_url, _) = small, large
    db, sizes = large_result["db"], f"{small_result['size']}/{large_result['size']}"
    log(
        f"{db} paired size comparison {sizes}: {args.paired_rounds} rounds × {args.paired_seconds} s per page"
    )
    failures = []
    try:
        paired = paired_sizes(args, wrk_bin, small_result, small_url, large_result, large_url)
    except Exception as error:  # the sequential results stay valid: report, go on
        large_result["paired_size_ratio_error"] = str(error)
        failures.append(f"{db} paired {sizes}: {error}")
        log(f"{db} paired size comparison failed: {error}")
    else:
        large_result["paired_size_ratio"] = paired
        errors = sum(entry["errors"] for entry in paired.values())
        if errors:
            failures.append(f"{db} paired {sizes}: {errors} HTTP/socket errors or failed warm-ups")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both (comma-separated)")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--duration", type=int, default=30, help="seconds per endpoint at --connections")
    parser.add_argument("--latency-duration", type=int, default=10, help="seconds per endpoint unqueued")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8105")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip", default="", help="endpoint names to leave out (comma-separated)")
    parser.add_argument(
        "--slow-limit", type=float, default=10.0, help="skip the load test of endpoints slower than this (s)"
    )
    parser.add_argument(
        "--after-publish-repeat", type=int, default=3, help="publishes per endpoint (median reported)"
    )
    parser.add_argument("--no-after-publish", action="store_true", help="skip the after-publish timing")
    parser.add_argument("--race-threads", type=int, default=100)
    parser.add_argument("--race-capacity", type=int, default=30)
    parser.add_argument("--pg-url", default=os.environ.get("DATABASE_URL", "").strip() or DEFAULT_PG)
    parser.add_argument("--tag", default="run", help="database name part (kn_bench_<tag>_<size>)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases afterwards")
    parser.add_argument(
        "--prepare-only", action="store_true", help="build and keep the databases (for a later --reuse)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use databases kept by --prepare-only/--keep (migrated, not regenerated) and their figures",
    )
    parser.add_argument(
        "--paired-rounds",
        type=int,
        default=5,
        help="rounds of the paired size comparison per page (0: off); it also uses port --port+1",
    )
    parser.add_argument(
        "--paired-seconds", type=int, default=3, help="seconds per server and round in the paired comparison"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="CI smoke: postgres, 1,000 profiles (500 + 500 for the N+1 check), a few seconds each",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.db, args.sizes, args.duration, args.latency_duration, args.warmup = "postgres", "1000", 4, 3, 1
        # errors here mean 5xx or refused connections, not 32-deep queueing past wrk's timeout
        args.connections = 8
        args.tag = "smoke"
        args.after_publish_repeat = 1
        args.paired_rounds = 0
    dbs = [d.strip() for d in args.db.split(",") if d.strip()]
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.pg_url.startswith("sqlite"):
        args.pg_url = DEFAULT_PG
    VAR.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    wrk_bin = ensure_wrk()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    collect_env = base_env(f"sqlite:///{VAR / 'collectstatic.sqlite3'}")
    log("collectstatic (manifest storage, as in production)")
    manage(collect_env, "collectstatic", "--no-input", "-v0")

    results: list[dict] = []
    failures: list[str] = []
    work_rows: dict[str, list[dict]] = {}
    race: dict | None = None
    for db in dbs:
        counts_by_size: dict[int, dict] = {}
        measured: dict[int, tuple[dict, str, Path]] = {}  # size: (result, database URL, JSON file)
        to_drop: list[str] = []  # PostgreSQL databases of this run, dropped after the paired step
        try:
            for size in sizes:
                reuse = args.reuse and sidecar(db, size, args.tag).exists()
                if db == "sqlite":
                    url = sqlite_url(size, args.tag, fresh=not reuse)
                else:
                    url = postgres_url(args.pg_url, size, args.tag, fresh=not reuse)
                    if not (args.keep or args.reuse or args.prepare_only):
                        to_drop.append(url)
                env = base_env(url)
                log(f"{db} {size}: {'reusing' if reuse else 'preparing'} ({url.split('@')[-1]})")
                if reuse:
                    manage(env, "migrate", "--no-input", "-v0")
                    info = json.loads(sidecar(db, size, args.tag).read_text())
                    info["reused"] = True
                elif args.smoke:
                    # N+1 guard inside one run: the same queries per request at half and at full size.
                    half = size // 2
                    info = prepare(env, half, args.seed)
                    counts_by_size[half] = {
                        k: v.get("queries") for k, v in run_probe(env)["endpoints"].items()
                    }
                    seconds, _ = manage(
                        env,
                        "generate_synthetic_profiles",
                        "--count",
                        str(size - half),
                        "--seed",
                        str(args.seed + 1),
                        "--no-index",
                    )
                    info["generate_s"] = round(info["generate_s"] + seconds, 1)
                    info.update(rebuild_index(env))
                else:
                    info = prepare(env, size, args.seed)
                log(f"{db} {size}: generated in {info['generate_s']} s, index {info['index_rebuild_s']} s")
                if args.prepare_only:
                    sidecar(db, size, args.tag).write_text(json.dumps(info))
                    continue
                probe = run_probe(env)
                counts_by_size[size] = {k: v.get("queries") for k, v in probe["endpoints"].items()}
                result = measure(env, args, wrk_bin, db, size, probe, info)
                result["machine"] = machine()
                if db == "postgres" and race is None:
                    race = run_race(env, args.race_threads, args.race_capacity)
                    result["registration_race"] = race
                    log(f"registration race: {race}")
                results.append(result)
                out = RESULTS / f"{stamp}-{db}-{size}.json"
                out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
                log(f"wrote {out.relative_to(ROOT)}")
                errors = sum(v["errors"] for v in result["load"].values()) + sum(
                    v["errors"] for v in result["latency"].values()
                )
                if errors:
                    failures.append(f"{db} {size}: {errors} HTTP/socket errors")
                stalled = [n for n, v in result["load"].items() if v["requests"] == 0]
                if stalled:
                    failures.append(f"{db} {size}: no request completed under load: {', '.join(stalled)}")
                bad = [n for n, info in result["probe"].items() if info.get("status") not in (200, None)]
                if bad:
                    failures.append(f"{db} {size}: endpoints not answering 200: {', '.join(bad)}")
                measured[size] = (result, url, out)
            if len(measured) >= 2:
                if args.paired_rounds > 0:
                    failures += paired_step(args, wrk_bin, measured[min(measured)], measured[max(measured)])
                # the deterministic counterpart of the p50 ratio (benchmarks/work.py)
                work_rows[db] = work_ratios({s: r["probe"] for s, (r, _, _) in measured.items()})
                failures += [f"{db}: {problem}" for problem in work_problems(work_rows[db])]
                large_result, _, large_out = measured[max(measured)]
                large_result["work_ratios"] = work_rows[db]
                large_out.write_text(json.dumps(large_result, indent=2, ensure_ascii=False))
        finally:
            for url in to_drop:
                try:
                    drop_postgres(url)
                except Exception as error:  # cleanup must not hide the run's own error
                    log(f"could not drop {url.split('@')[-1]}: {error}")
        regressions = query_regressions(counts_by_size)
        for problem in regressions:
            failures.append(f"{db}: {problem}")
        for result in results:
            if result["db"] == db:
                result["query_counts_by_size"] = {str(k): v for k, v in counts_by_size.items()}
    if race is not None and race.get("skipped") is None and not race.get("ok"):
        failures.append(f"registration race: {compact(race)}")

    summary = markdown_summary(results)
    extra = []
    if race is not None:
        extra.append(f"\nRegistration race (PostgreSQL): {compact(race)}\n")
    extra.append(work_table(work_rows))
    extra.append(f"\nMachine: {json.dumps(machine())}\n")
    if failures:
        extra.append("\nFailures:\n" + "\n".join(f"- {f}" for f in failures) + "\n")
    summary_path = RESULTS / f"{stamp}-summary.md"
    summary_path.write_text(summary + "".join(extra))
    print(summary + "".join(extra))
    log(f"summary: {summary_path.relative_to(ROOT)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
