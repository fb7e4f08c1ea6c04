"""The hostile run of issue 17 against a production-mode server; not part of CI.

    .venv/bin/python benchmarks/hostile_server.py                    # SQLite file database
    .venv/bin/python benchmarks/hostile_server.py --pg-url postgres://postgres@127.0.0.1:54330/postgres

Builds a fresh database (migrate, demo content, the targets of ``tests/hostile/attack_plan.py``:
a login-restricted and a Ministerie-only profile featured by a session with three seats), starts
gunicorn (2 sync workers, gunicorn's default 30 s worker timeout) with
``config.settings.production`` on loopback, with Elasticsearch configured on a port that accepts
connections and never answers (``--es hanging``; ``off`` for the database engine) and a mail
server that refuses (``--smtp refusing``; ``hanging``: accepts and never answers). Then it sends
every request of ``attack_plan.probes`` over HTTP (anonymous, and as a logged-in account without
groups; POSTs carry a CSRF token, as a browser's would) and the public registrations of
``attack_plan.registrations``, and prints inputs tried, 5xx (a dropped connection counts as one),
leaks, lost registrations and the slowest answer. Exit 1 unless 5xx, leaks and lost are all 0.
Requests say ``X-Forwarded-Proto: https``, as the TLS proxy in front of production does.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "hostile"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
HOST = "127.0.0.1"
sys.path.insert(0, str(ROOT))  # the project is not installed; tests.hostile holds the inputs


# --- inside Django (child processes with the production settings) ------------------------------


def _django():
    import django

    django.setup()


def setup_targets(out: Path) -> None:
    _django()
    from dataclasses import asdict

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tests.hostile import attack_plan

    targets = attack_plan.make_targets()
    member = Client()
    member.force_login(get_user_model().objects.create_user("aanvaller", "a@example.org", "pw-hostile-run"))
    session_cookie = settings.SESSION_COOKIE_NAME
    cookies = {session_cookie: member.cookies[session_cookie].value}
    out.write_text(json.dumps({"targets": asdict(targets), "member_cookies": cookies}))


def count_lost(plan_path: Path, accepted: int) -> None:
    _django()
    from tests.hostile import attack_plan

    targets = attack_plan.Targets(**json.loads(plan_path.read_text())["targets"])
    lost, saved, queued = attack_plan.lost_registrations(targets, accepted)
    print(json.dumps({"lost": lost, "saved": saved, "queued": queued}))


# --- outside: the database, the server, the requests -------------------------------------------


def silent_port(listen: bool) -> tuple[socket.socket | None, int]:
    """A loopback port that refuses (nothing listens) or hangs (listens, never accepts)."""
    sock = socket.socket()
    sock.bind((HOST, 0))
    port = sock.getsockname()[1]
    if listen:
        sock.listen(1024)
        return sock, port
    sock.close()
    return None, port


def environment(database_url: str, es_port: int | None, smtp_port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY="hostile-run-only-" + "x" * 40,
        DEBUG="false",
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(VAR / "static"),
        MEDIA_ROOT=str(VAR / "media"),
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=HOST,
        EMAIL_PORT=str(smtp_port),
        EMAIL_TIMEOUT="2",
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    if es_port:
        env.update(SEARCH_ENGINE="elasticsearch", ELASTICSEARCH_URL=f"http://{HOST}:{es_port}")
    else:
        env.update(SEARCH_ENGINE="database", ELASTICSEARCH_URL="")
    return env


def run(env: dict, *args: str) -> str:
    proc = subprocess.run([PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return proc.stdout


SQLITE = VAR / "hostile.sqlite3"
SNAPSHOT = VAR / "hostile-prepared.sqlite3"  # the prepared database, for --reuse


def fresh_database(pg_url: str | None) -> str:
    if not pg_url:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{SQLITE}"
    import psycopg

    parts = urllib.parse.urlsplit(pg_url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "kn_hostile" WITH (FORCE)')
        conn.execute('CREATE DATABASE "kn_hostile"')
    return urllib.parse.urlunsplit(parts._replace(path="/kn_hostile"))


class Browser:
    """Cookies kept by hand (production cookies are Secure; this is plain HTTP behind a 'proxy')."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies = dict(cookies or {})

    def request(self, method: str, path: str, data: dict | None = None, csrf: bool = True):
        method = method.upper()
        headers = {"Host": f"{HOST}:{self.port}", "X-Forwarded-Proto": "https", "User-Agent": "hostile-run"}
        body = None
        path = urllib.parse.quote(path, safe="/%?&=;:@+$,!~*'()")  # a browser sends '٣' as %D9%A3
        if data is not None and method in ("GET", "HEAD"):
            query = urllib.parse.urlencode(data, doseq=True)
            path = f"{path}{'&' if '?' in path else '?'}{query}"
        elif method not in ("GET", "HEAD", "OPTIONS"):
            body = urllib.parse.urlencode(data or {}, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            if csrf:  # as a browser posting a form of this site does
                headers["Origin"] = f"https://{HOST}:{self.port}"
                headers["Referer"] = f"https://{HOST}:{self.port}{path}"
                if "csrftoken" in self.cookies:
                    headers["X-CSRFToken"] = self.cookies["csrftoken"]
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, content
        finally:
            conn.close()


class Gunicorn:
    def __init__(self, env: dict, port: int):
        self.env, self.port = env, port
        self.log = VAR / "gunicorn.log"
        self.proc: subprocess.Popen | None = None

    def __enter__(self):
        self.proc = subprocess.Popen(
            [GUNICORN, "config.wsgi:application", "--workers", "2", "--bind", f"{HOST}:{self.port}"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log}")
            try:
                Browser(self.port).request("GET", "/api/schema/")
                return self
            except OSError:
                time.sleep(0.5)
        raise SystemExit("gunicorn did not answer within 90 s")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def replay(port: int, plan: dict) -> dict:
    from tests.hostile import attack_plan

    targets = attack_plan.Targets(**plan["targets"])
    browsers = {"anonymous": Browser(port), "member": Browser(port, plan["member_cookies"])}
    for browser in browsers.values():  # the session page holds the form: it gives the CSRF cookie
        browser.request("GET", targets.session_url)
    tried = errors = leaks = 0
    slowest = (0.0, "")
    failures: list[str] = []

    def hit(browser: Browser, method: str, path: str, data=None, secrets=()) -> int:
        nonlocal tried, errors, leaks, slowest
        tried += 1
        started = time.perf_counter()
        try:
            status, content = browser.request(method, path, data)
        except OSError as error:  # dropped connection, killed worker
            status, content = 599, str(error).encode()
        took = time.perf_counter() - started
        slowest = max(slowest, (took, f"{method.upper()} {path}"))
        if status >= 500:
            errors += 1
            failures.append(f"{status} {method.upper()} {path} {data or ''}")
        for secret in secrets:
            if secret.encode() in content:
                leaks += 1
                failures.append(f"leak of {secret} in {method.upper()} {path}")
        return status

    for probe in attack_plan.probes(targets):
        hit(browsers[probe.who], probe.method, probe.path, probe.data, probe.secrets)
    accepted = 0
    url = attack_plan.registration_url(targets)
    for data in attack_plan.registrations(targets):
        visitor = Browser(port)
        visitor.request("GET", targets.session_url)
        form = {**data, "csrfmiddlewaretoken": visitor.cookies.get("csrftoken", "")}
        accepted += hit(visitor, "post", url, form) == 302
    return {
        "tried": tried,
        "errors": errors,
        "leaks": leaks,
        "accepted": accepted,
        "slowest_s": round(slowest[0], 2),
        "slowest": slowest[1],
        "failures": failures,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg-url", help="PostgreSQL server (its kn_hostile database is recreated)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("HOSTILE_PORT", "8117")))
    parser.add_argument("--es", choices=["hanging", "off"], default="hanging")
    parser.add_argument("--smtp", choices=["refusing", "hanging"], default="refusing")
    parser.add_argument(
        "--reuse", action="store_true", help="SQLite: start from the database the last run prepared"
    )
    parser.add_argument("--setup", type=Path, help=argparse.SUPPRESS)  # internal: child process steps
    parser.add_argument("--count", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        setup_targets(args.setup)
        return 0
    if args.count:
        count_lost(Path(args.count[0]), int(args.count[1]))
        return 0

    VAR.mkdir(parents=True, exist_ok=True)
    es_socket, es_port = silent_port(listen=True) if args.es == "hanging" else (None, None)
    smtp_socket, smtp_port = silent_port(listen=args.smtp == "hanging")
    plan_path = VAR / "plan.json"
    started = time.perf_counter()
    reuse = args.reuse and not args.pg_url and SNAPSHOT.exists() and plan_path.exists()
    if reuse:
        shutil.copyfile(SNAPSHOT, SQLITE)
        for suffix in ("-wal", "-shm"):
            Path(f"{SQLITE}{suffix}").unlink(missing_ok=True)
        env = environment(f"sqlite:///{SQLITE}", es_port, smtp_port)
    else:
        env = environment(fresh_database(args.pg_url), es_port, smtp_port)
        run(env, "manage.py", "migrate", "--no-input", "-v0")
        run(env, "manage.py", "collectstatic", "--no-input", "-v0")
        run(env, "manage.py", "load_demo_content", "--no-users", "--force")
        run(env, __file__, "--setup", str(plan_path))
        if not args.pg_url:
            shutil.copyfile(SQLITE, SNAPSHOT)  # the setup's connection is closed: no WAL left
    prepared = time.perf_counter() - started
    with Gunicorn(env, args.port):
        report = replay(args.port, json.loads(plan_path.read_text()))
    report.update(json.loads(run(env, __file__, "--count", str(plan_path), str(report["accepted"]))))
    for sock in (es_socket, smtp_socket):
        if sock:
            sock.close()
    database = "PostgreSQL" if args.pg_url else "SQLite file"
    print(
        f"hostile run (gunicorn, production settings, {database}, "
        f"Elasticsearch {args.es}, SMTP {args.smtp}): "
        f"inputs tried {report['tried']}, 5xx {report['errors']}, leaks {report['leaks']}, "
        f"lost registrations {report['lost']} (accepted {report['accepted']}, saved {report['saved']}, "
        f"mail queued {report['queued']}); slowest answer {report['slowest_s']} s ({report['slowest']}); "
        f"prepared in {prepared:.0f} s"
    )
    for line in report["failures"]:
        print(f"    {line}")
    from tests.hostile.attack_plan import REGISTRATIONS

    ok = (report["errors"], report["leaks"], report["lost"]) == (0, 0, 0)
    return 0 if ok and report["accepted"] == REGISTRATIONS else 1


if __name__ == "__main__":
    sys.exit(main())
