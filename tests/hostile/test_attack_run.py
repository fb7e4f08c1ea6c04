"""The hostile run of issue 17 as one reproducible test: out-of-range integers, unknown operators,
every HTTP method, probes for a login-restricted profile on every public surface, and public
registrations while the mail server refuses. Prints the figures quoted in the README:

    .venv/bin/python -m pytest tests/hostile/test_attack_run.py -q -s -p no:cacheprovider

Counts: inputs tried, 5xx answers, leaks (the restricted profile's title or summary in a public
answer) and lost registrations (accepted on screen but not saved, or saved without its mail).
In-process through Django's test client (the full middleware stack, production-like DEBUG=False);
the same inputs (``attack_plan.py``) go to a production-mode gunicorn in
``benchmarks/hostile_server.py``.
"""

from __future__ import annotations

import socket

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from tests.hostile import attack_plan

pytestmark = pytest.mark.django_db


def _refusing_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_hostile_run(demo, django_capture_on_commit_callbacks, commit_after_requests):
    with django_capture_on_commit_callbacks(execute=True):
        targets = attack_plan.make_targets()
    clients = {"anonymous": Client(), "member": Client()}
    clients["member"].force_login(get_user_model().objects.create_user("aanvaller", "a@example.org", "pw"))
    tried = errors = leaks = 0
    failures: list[str] = []

    def hit(client, method, path, data=None, secrets=()):
        nonlocal tried, errors, leaks
        tried += 1
        response = getattr(client, method)(path, data) if data is not None else getattr(client, method)(path)
        if response.status_code >= 500:
            errors += 1
            failures.append(f"{response.status_code} {method.upper()} {path} {data or ''}")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for secret in secrets:
            if secret.encode() in body:
                leaks += 1
                failures.append(f"leak of {secret} in {method.upper()} {path}")
        return response

    for probe in attack_plan.probes(targets):
        hit(clients[probe.who], probe.method, probe.path, probe.data, probe.secrets)

    # Lost registrations: the mail server refuses every connection.
    accepted = 0
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=_refusing_port(),
        EMAIL_TIMEOUT=1,
    ):
        for data in attack_plan.registrations(targets):
            response = hit(Client(), "post", attack_plan.registration_url(targets), data)
            accepted += response.status_code == 302
    lost, _saved, _queued = attack_plan.lost_registrations(targets, accepted)

    print(f"\nhostile run: inputs tried {tried}, 5xx {errors}, leaks {leaks}, lost registrations {lost}")
    assert accepted == attack_plan.REGISTRATIONS  # 3 confirmed + 3 waiting list
    assert (errors, leaks, lost) == (0, 0, 0), failures
