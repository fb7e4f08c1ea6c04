"""Shared fixtures. The demo site (reference data, page tree, roles, the five real profiles) is
built once per test database and rebuilt on demand after transactional tests flush it."""

from __future__ import annotations

import pytest

from home.demo.loader import load_demo_content
from home.models import HomePage


def _build_demo():
    load_demo_content(users=True, log=lambda *args: None)


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if request.config.getoption("reuse_db") and HomePage.objects.exists():
            return  # a kept test database (--reuse-db, benchmarks/mutation.py) has the demo already
        _build_demo()


@pytest.fixture
def demo(db):
    """The demo site; rebuilt if a transactional test flushed the database."""
    if not HomePage.objects.exists():
        _build_demo()
    return HomePage.objects.get()


@pytest.fixture
def demo_tx(transactional_db):
    """Demo site for tests that need real commits (concurrency, live server)."""
    _build_demo()
    return HomePage.objects.get()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in Dutch: a request to an /en/ page leaves English active in the thread,
    and ``reverse`` would then build English URLs for the next test on the same worker."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture
def commit_after_requests():
    """In a test transaction nothing commits, so on-commit work (queued mail delivery, index sync)
    would never run: run it when each test-client request finishes, as the real commit at the end
    of the view would. Callbacks registered outside requests are left alone."""
    from django.core.signals import request_finished
    from django.db import connection

    def run_pending(**kwargs):
        while connection.run_on_commit:
            _sids, func, robust = connection.run_on_commit.pop(0)
            func()

    request_finished.connect(run_pending, dispatch_uid="tests-commit-after-requests")
    try:
        yield
    finally:
        request_finished.disconnect(dispatch_uid="tests-commit-after-requests")
