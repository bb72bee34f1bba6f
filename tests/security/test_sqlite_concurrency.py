"""SQLite in WAL mode with IMMEDIATE transactions takes concurrent writers without
"database is locked" (the default DEFERRED mode fails the read-then-write pattern below).

The writers use a database file of their own, opened with the project's SQLite settings, so
the shared test database is never flushed and other tests' data is left alone.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections, transaction

ALIAS = "sqlite_concurrency"
WRITERS = 8
WRITES_EACH = 25

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the SQLite settings are what is under test",
)


@pytest.fixture
def sqlite_file(tmp_path: Path, django_db_blocker) -> Iterator[str]:
    """Register a connection alias with the project's SQLite settings on a fresh file."""
    configured = connections["default"].settings_dict
    connections.settings[ALIAS] = {**configured, "NAME": str(tmp_path / "writers.sqlite3")}
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE note (writer INTEGER, n INTEGER, PRIMARY KEY (writer, n))")
        yield ALIAS
        connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]


def _write(writer: int, errors: list[BaseException], start: threading.Barrier) -> None:
    try:
        start.wait()
        for n in range(WRITES_EACH):
            # Read, then write, in one transaction: the pattern that deadlocks DEFERRED mode.
            with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM note WHERE writer = %s", [writer])
                cursor.execute("INSERT INTO note (writer, n) VALUES (%s, %s)", [writer, n])
    except BaseException as error:
        errors.append(error)
    finally:
        connections[ALIAS].close()


def test_sqlite_settings_put_the_file_in_wal_mode_with_immediate_transactions(sqlite_file):
    with connections[sqlite_file].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]

    assert mode == "wal"
    assert connections[sqlite_file].settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_concurrent_writers_store_every_row_without_database_is_locked(sqlite_file):
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)
    threads = [
        threading.Thread(target=_write, args=(writer, errors, start)) for writer in range(WRITERS)
    ]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert [repr(error) for error in errors] == []
    with connections[sqlite_file].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM note")
        assert cursor.fetchone()[0] == WRITERS * WRITES_EACH
