"""Production settings: `check --deploy` clean, secure cookies, HSTS, refuses a missing secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, **env):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "ALLOWED_HOSTS": "kennisnetwerk.example",
        "SECRET_KEY": "a-long-random-value-used-only-by-this-test-0123456789abcdefghijklmnop",
        **env,
    }
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_has_no_warnings():
    result = _run(
        "import django, sys; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_production_cookies_and_transport():
    result = _run(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.LANGUAGE_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG, "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('upgrade-insecure-requests'), "
        "\"'unsafe-inline'\" in s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "True", "False", "True", "False"]


def test_production_refuses_the_dev_secret_key():
    result = _run("import django; django.setup()", SECRET_KEY="dev-only-insecure-key-change-me")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
