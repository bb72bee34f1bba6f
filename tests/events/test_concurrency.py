"""Many members registering and cancelling at once: nobody overbooked, lost or duplicated.

Real threads, each with its own database connection, race through the registration service.
On PostgreSQL the event row lock serialises them; on SQLite the IMMEDIATE transaction does.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from oneteam.accounts.models import User
from oneteam.events.models import Event, Registration
from oneteam.events.services.registrations import registration_cancel
from tests.events.conftest import register

Status = Registration.Status
# PostgreSQL's default max_connections is 100 and other suites may share the server, so at most
# this many of the racing threads hold a connection at once (all of them still race).
MAX_CONNECTIONS = int(os.environ.get("ONETEAM_TEST_MAX_CONNECTIONS", "40"))


def _make_users(count: int, prefix: str) -> list[User]:
    return User.objects.bulk_create(
        [User(email=f"{prefix}{n}@example.org", password="!") for n in range(count)]
    )


def _make_event(chapter, capacity: int) -> Event:
    starts = timezone.now() + timedelta(days=10)
    return Event.objects.create(
        chapter=chapter,
        slug=f"race-{capacity}",
        title="Race",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        status=Event.Status.PUBLISHED,
        capacity=capacity,
    )


def _race(actions: list[Callable[[], object]], max_connections: int) -> list[BaseException]:
    """Start every action at the same moment in its own thread; return the errors raised."""
    barrier = threading.Barrier(len(actions))
    gate = threading.BoundedSemaphore(max_connections)
    errors: list[BaseException] = []

    def run(action: Callable[[], object]) -> None:
        barrier.wait()
        with gate:
            try:
                action()
            except BaseException as error:
                errors.append(error)
            finally:
                connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return errors


def _queue(event: Event) -> list[Registration]:
    return list(
        Registration.objects.filter(event=event)
        .exclude(status=Status.CANCELLED)
        .order_by("queued_at", "pk")
    )


def _assert_fair_queue(event: Event, *, expected_active: int) -> None:
    """First `capacity` in join order are confirmed, everyone after them waits, in order."""
    queue = _queue(event)
    assert len(queue) == expected_active
    statuses = [registration.status for registration in queue]
    confirmed = min(event.capacity, expected_active)
    assert statuses == [Status.CONFIRMED] * confirmed + [Status.WAITLISTED] * (
        expected_active - confirmed
    )
    # The queue order (set under the lock) is also the order the rows were written in.
    assert [r.pk for r in queue] == sorted(r.pk for r in queue)


def _register_all(event: Event, users: list[User]) -> list[BaseException]:
    return _race(
        [lambda user=user: register(event, user) for user in users],
        MAX_CONNECTIONS,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_registration_300_concurrent_for_100_places_confirms_exactly_100(chapter):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgresql://...)")
    event = _make_event(chapter, capacity=100)
    users = _make_users(300, "racer")

    errors = _register_all(event, users)

    assert errors == []
    assert Registration.objects.filter(event=event).count() == 300
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == 100
    assert Registration.objects.filter(event=event, status=Status.WAITLISTED).count() == 200
    _assert_fair_queue(event, expected_active=300)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_registration_cancellations_racing_new_registrations_promote_oldest_first(chapter):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgresql://...)")
    event = _make_event(chapter, capacity=100)
    first = _make_users(150, "early")
    # They joined a while ago: their queue times (a millisecond apart) must all come before
    # any latecomer's, however quickly the race below starts.
    start = timezone.now() - timedelta(minutes=5)
    Registration.objects.bulk_create(  # 100 confirmed, then 50 waiting, in a known order
        Registration(
            event=event,
            user=user,
            status=Status.CONFIRMED if n < 100 else Status.WAITLISTED,
            queued_at=start + timedelta(milliseconds=n),
        )
        for n, user in enumerate(first)
    )
    waiting_before = [r.user_id for r in _queue(event)[100:]]
    leaving = list(Registration.objects.filter(event=event, status=Status.CONFIRMED)[:60])
    latecomers = _make_users(60, "late")

    cancels = [lambda r=r: registration_cancel(registration=r) for r in leaving]
    joins = [lambda user=user: register(event, user) for user in latecomers]
    errors = _race(cancels + joins, MAX_CONNECTIONS)

    assert errors == []
    assert Registration.objects.filter(event=event, status=Status.CANCELLED).count() == 60
    _assert_fair_queue(event, expected_active=150)
    # Everyone who was already waiting got a place before any latecomer did.
    confirmed_ids = set(
        Registration.objects.filter(event=event, status=Status.CONFIRMED).values_list(
            "user_id", flat=True
        )
    )
    assert set(waiting_before) <= confirmed_ids


@pytest.mark.django_db(transaction=True)
def test_registration_30_concurrent_on_sqlite_none_fail_none_overbooked(chapter):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite variant of the race")
    event = _make_event(chapter, capacity=10)
    users = _make_users(30, "sqlite-racer")

    errors = _register_all(event, users)

    assert errors == []  # in particular, no "database is locked"
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == 10
    _assert_fair_queue(event, expected_active=30)
