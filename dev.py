#!/usr/bin/env python3
"""Developer entry point that needs nothing but Python 3.11+ (standard library only).

    python3 dev.py serve   # venv, install, migrate, demo content, serve on 127.0.0.1:$PORT
    python3 dev.py test    # venv, install, the whole test suite (pytest)

The virtual environment lives in .venv and is reinstalled only when requirements.lock changes.
requirements.lock pins every package (with hashes) to the versions the tests passed with; it is
made from pyproject.toml by pip-compile (see README, "Updating dependencies").
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".installed-lock"
LOCK = ROOT / "requirements.lock"


def ensure_environment() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit("Python 3.11 or newer is needed.")
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if not _venv_usable():
        print("Creating virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        STAMP.unlink(missing_ok=True)
    if not STAMP.exists() or STAMP.read_text() != digest:
        print("Installing dependencies ...", flush=True)
        run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        run([str(PYTHON), "-m", "pip", "install", "--quiet", "--require-hashes", "-r", str(LOCK)])
        STAMP.write_text(digest)


def _venv_usable() -> bool:
    """An interrupted first run can leave a venv without pip: rebuild it then."""
    if not PYTHON.exists():
        return False
    probe = subprocess.run([str(PYTHON), "-m", "pip", "--version"], capture_output=True)
    return probe.returncode == 0


def run(cmd: list[str], **kwargs) -> None:
    result = subprocess.run(cmd, cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def manage(*args: str) -> None:
    run([str(PYTHON), "manage.py", *args])


def serve() -> None:
    ensure_environment()
    port = os.environ.get("PORT", "8000")
    # Links in mails and the API, and the demo's Site record, point at the port served here.
    os.environ.setdefault("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{port}")
    manage("migrate", "--no-input")
    manage("load_demo_content")
    print(f"Serving on http://127.0.0.1:{port}/  (admin: /admin/, see README)", flush=True)
    manage("runserver", f"127.0.0.1:{port}")


def test(extra: list[str]) -> None:
    ensure_environment()
    run([str(PYTHON), "-m", "pytest", *extra])


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"serve", "test", "install"}:
        sys.exit(__doc__)
    command, extra = sys.argv[1], sys.argv[2:]
    if command == "serve":
        serve()
    elif command == "test":
        test(extra)
    else:
        ensure_environment()


if __name__ == "__main__":
    main()
