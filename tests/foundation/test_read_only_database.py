"""A read-only or locked database: writes answer 503 "tijdelijk alleen lezen" (nothing saved),
reads keep working. And SQLite's settings (IMMEDIATE transactions, busy timeout) make concurrent
writers on a file database wait for each other instead of failing with "database is locked"."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.conf import settings
from django.db import InternalError, OperationalError, connection
from django.db.utils import ConnectionHandler

from config.readonly import is_read_only_error
from events.models import Registration
from regions.models import Municipality
from tests.events.conftest import make_session

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PRAGMA query_only and the file-database test are SQLite"
)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OperationalError("attempt to write a readonly database"), True),
        (OperationalError("database is locked"), True),
        (InternalError("cannot execute INSERT in a read-only transaction"), True),
        (OperationalError("no such table: x"), False),
        (ValueError("readonly"), False),
    ],
)
def test_which_errors_mean_read_only(error, expected):
    assert is_read_only_error(error) is expected


@sqlite_only
@pytest.mark.django_db
def test_writes_get_503_and_reads_keep_working(client, demo):
    session = make_session(capacity=10)
    data = {
        "name": "Deelnemer",
        "email": "deelnemer@example.org",
        "organisation": "Gemeente Test",
        "municipality": str(Municipality.objects.order_by("pk").first().pk),
        "role": "policy",
        "consent": "on",
        "website": "",
    }
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    try:
        response = client.post(session.url + "aanmelden/", data)
        assert response.status_code == 503
        body = response.content.decode()
        assert "Tijdelijk alleen lezen" in body and "niets opgeslagen" in body
        assert response["Retry-After"]
        for path in (
            session.url,
            "/zoeken/?q=scheiden",
            "/api/search/?q=scheiden",
            "/open-data/aanpakken.json",
        ):
            assert client.get(path).status_code == 200, path
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")
    assert not Registration.objects.filter(session=session).exists()


def _file_database(tmp_path, options: dict) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "concurrency.sqlite3"),
        "OPTIONS": dict(options),
    }


def _connect(config: dict):
    """A Django connection of its own (outside the test database), configured like settings."""
    return ConnectionHandler({"default": dict(config)})["default"]


def _concurrent_read_then_write(config: dict, writers: int = 4) -> list[str]:
    """Each thread reads, waits for the others to have read, then writes, in one transaction (begun
    as Django's atomic() begins it): the pattern that deadlocks SQLite's deferred transactions."""
    setup = _connect(config)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS seat (id INTEGER PRIMARY KEY, who TEXT)")
    setup.close()
    barrier = threading.Barrier(writers, timeout=3)
    outcomes: list[str] = []

    def work(n: int):
        conn = _connect(config)
        try:
            conn.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with conn.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM seat")
                with contextlib.suppress(threading.BrokenBarrierError):
                    barrier.wait()  # with IMMEDIATE the others wait at BEGIN: the barrier breaks
                cursor.execute("INSERT INTO seat (who) VALUES (%s)", [f"writer {n}"])
            conn.commit()
            outcomes.append("ok")
        except OperationalError as error:
            conn.rollback()
            outcomes.append(str(error))
        finally:
            conn.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    check = _connect(config)
    with check.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM seat")
        saved = cursor.fetchone()[0]
    check.close()
    assert saved == outcomes.count("ok")
    return outcomes


@sqlite_only
def test_immediate_transactions_and_busy_timeout_serialise_writers(tmp_path, django_db_blocker):
    options = {**settings.SQLITE_OPTIONS, "timeout": 10}
    assert options["transaction_mode"] == "IMMEDIATE"
    with django_db_blocker.unblock():  # its own file, not the test database
        outcomes = _concurrent_read_then_write(_file_database(tmp_path, options))
    assert outcomes == ["ok"] * 4


@sqlite_only
def test_without_them_writers_fail_so_the_test_above_can(tmp_path, django_db_blocker):
    options = {**settings.SQLITE_OPTIONS, "transaction_mode": "DEFERRED", "timeout": 0.2}
    with django_db_blocker.unblock():  # its own file, not the test database
        outcomes = _concurrent_read_then_write(_file_database(tmp_path, options))
    assert any("locked" in outcome for outcome in outcomes), outcomes
