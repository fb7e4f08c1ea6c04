"""Capacity under concurrent sign-ups on PostgreSQL: 60 threads, each with its own connection,
released together by a barrier, register for a session with 10 seats. Exactly 10 must be
confirmed and the rest waitlisted (the session row lock in events.registration serialises them)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from events import registration as logic
from events.models import Registration

from .conftest import make_session

THREADS = 60
SEATS = 10

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgres_only(demo_tx):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…); SQLite serialises writers anyway")
    return demo_tx


def test_capacity_is_never_exceeded_under_concurrent_signups(
    postgres_only, django_capture_on_commit_callbacks
):
    session = make_session(capacity=SEATS)
    barrier = threading.Barrier(THREADS)
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    backend_pids = set()

    def worker(n: int) -> None:
        try:
            with connection.cursor() as cursor:  # this thread's own connection
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            barrier.wait(timeout=30)
            item = logic.register(
                session,
                {
                    "name": f"T{n}",
                    "email": f"t{n}@example.org",
                    "organisation": "Org",
                    "role": "other",
                    "municipality": None,
                },
            )
            with lock:
                results.append(item.status)
                backend_pids.add(pid)
        except BaseException as error:  # noqa: BLE001 - reported below
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.perf_counter() - started

    assert not errors, errors[:3]
    assert len(backend_pids) == THREADS  # really separate connections
    assert results.count("confirmed") == SEATS
    assert results.count("waitlisted") == THREADS - SEATS
    stored = Registration.objects.filter(session=session)
    assert stored.filter(status="confirmed").count() == SEATS
    assert stored.filter(status="waitlisted").count() == THREADS - SEATS
    print(
        f"\n{THREADS} concurrent sign-ups for {SEATS} seats: {SEATS} confirmed, "
        f"{THREADS - SEATS} waitlisted, {elapsed:.2f}s wall clock"
    )
