"""SQLite in WAL mode with IMMEDIATE transactions takes concurrent writers without
"database is locked" (the default DEFERRED mode fails the read-then-write pattern below)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection, connections, transaction
from django.utils import timezone

pytestmark = [
    # serialized_rollback: the flush after this test then skips post_migrate, leaving the
    # database empty for the next live-server test's serialized rows (otherwise recreated
    # content types collide with them).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the SQLite settings are what is under test"
    ),
]

WRITERS = 8
WRITES_EACH = 25


def test_sqlite_runs_in_wal_mode_on_a_file():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]

    assert mode == "wal"
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert ":memory:" not in str(connection.settings_dict["NAME"])
    assert "mode=memory" not in str(connection.settings_dict["NAME"])


def _write(writer: int, errors: list[BaseException], start: threading.Barrier) -> None:
    try:
        start.wait()
        for n in range(WRITES_EACH):
            # Read, then write, in one transaction: the pattern that deadlocks DEFERRED mode.
            with transaction.atomic():
                Session.objects.filter(session_key__startswith=f"w{writer}-").count()
                Session.objects.create(
                    session_key=f"w{writer}-{n}",
                    session_data="{}",
                    expire_date=timezone.now() + timedelta(hours=1),
                )
    except BaseException as error:
        errors.append(error)
    finally:
        connections.close_all()


def test_concurrent_writers_store_every_row_without_database_is_locked():
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
    assert Session.objects.filter(session_key__startswith="w").count() == WRITERS * WRITES_EACH
