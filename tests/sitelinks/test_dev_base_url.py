"""Development: `PORT=… python3 dev.py serve` makes every link, and the demo's Site record, use
that port (dev.py sets WAGTAILADMIN_BASE_URL before migrate, the demo loader and runserver)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dev

ROOT = Path(__file__).resolve().parents[2]


def test_serve_sets_the_base_url_from_port(monkeypatch):
    calls = []
    monkeypatch.setenv("PORT", "8765")
    monkeypatch.delenv("WAGTAILADMIN_BASE_URL", raising=False)
    monkeypatch.setattr(dev, "ensure_environment", lambda: None)
    monkeypatch.setattr(
        dev, "manage", lambda *args: calls.append((args, os.environ["WAGTAILADMIN_BASE_URL"]))
    )
    dev.serve()
    assert [args[0] for args, _base in calls] == ["migrate", "load_demo_content", "runserver"]
    assert {base for _args, base in calls} == {"http://127.0.0.1:8765"}
    assert calls[-1][0] == ("runserver", "127.0.0.1:8765")


def test_serve_keeps_an_explicit_base_url(monkeypatch):
    monkeypatch.setenv("PORT", "8765")
    monkeypatch.setenv("WAGTAILADMIN_BASE_URL", "https://kennisnetwerk.example")
    monkeypatch.setattr(dev, "ensure_environment", lambda: None)
    monkeypatch.setattr(dev, "manage", lambda *args: None)
    dev.serve()
    assert os.environ["WAGTAILADMIN_BASE_URL"] == "https://kennisnetwerk.example"


def test_dev_settings_follow_port_without_dev_py():
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"WAGTAILADMIN_BASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(PORT="8766", DJANGO_SETTINGS_MODULE="config.settings.dev")
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "http://127.0.0.1:8766", result.stderr[-2000:]
