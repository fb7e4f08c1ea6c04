"""A live test server in its own process for the browser journeys.

The journeys need a real HTTP server with committed data that survives between requests, and the
Django ORM must not be called from Playwright's event loop, so the server runs as a subprocess on a
fresh SQLite file (migrated, demo content loaded once per test session). Tests prepare extra data
with ``LiveServer.run_python`` (code executed with Django set up against the same database).
"""

from __future__ import annotations

import email
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    workdir: Path
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def mail_dir(self) -> Path:
        return self.workdir / "mail"

    def env(self) -> dict[str, str]:
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
        }
        environment.update(
            DJANGO_SETTINGS_MODULE="tests.e2e.settings",
            DATABASE_URL=f"sqlite:///{self.workdir / 'e2e.sqlite3'}",
            E2E_MAIL_DIR=str(self.mail_dir),
            E2E_MEDIA_ROOT=str(self.workdir / "media"),
            E2E_BASE_URL=self.url,
            PYTHONPATH=str(ROOT),
        )
        return environment

    def manage(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env(), check=True, capture_output=True
        )

    def run_python(self, code: str) -> str:
        """Run code with Django set up on the server's database; returns its stdout."""
        script = "import django\ndjango.setup()\n" + textwrap.dedent(code)
        result = subprocess.run(  # noqa: S603 - fixed interpreter, code from the test suite
            [sys.executable, "-c", script], cwd=ROOT, env=self.env(), capture_output=True, text=True
        )
        if result.returncode != 0:
            raise RuntimeError(f"setup code failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def start(self) -> None:
        self.port = self.port or _free_port()
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        self.manage("migrate", "--no-input")
        self.run_python(
            "from home.demo.loader import load_demo_content\nload_demo_content(users=True, log=print)"
        )
        log = open(self.workdir / "server.log", "w")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"live server exited; see {self.workdir / 'server.log'}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=2)  # noqa: S310 - loopback
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("live server did not start within 60 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def mails(self) -> list[Message]:
        """Every mail the server sent so far (file backend: one file per connection)."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            raw = path.read_text(encoding="utf-8")
            for chunk in raw.split("-" * 79):
                if chunk.strip():
                    messages.append(email.message_from_string(chunk.strip()))
        return messages

    def clear_mail(self) -> None:
        for path in self.mail_dir.glob("*.log"):
            path.unlink()


def _part_text(part: Message) -> str:
    # The mail files are read back as text: an 8bit body is already decoded (get_payload(decode=True)
    # would re-encode it as Latin-1), quoted-printable and base64 bodies still need decoding.
    if part.get("Content-Transfer-Encoding", "7bit").lower() in ("7bit", "8bit"):
        return part.get_payload()
    payload = part.get_payload(decode=True)
    return payload.decode(part.get_content_charset() or "utf-8") if payload else ""


def mail_text(message: Message) -> str:
    """The plain-text body of a mail."""
    if message.is_multipart():
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                return _part_text(part)
        return ""
    return _part_text(message)
