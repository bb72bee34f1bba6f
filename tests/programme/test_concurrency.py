"""Integrity under load: real concurrent PostgreSQL connections toggling interest.

Each task runs in its own thread and therefore on its own database connection, so the
database (not one process's locks) is what keeps the counts right.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from oneteam.accounts.models import User
from oneteam.events.models import Registration
from oneteam.programme.models import Interest, Session
from oneteam.programme.services import interest_set
from tests.programme.conftest import set_programme

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ATTENDEES = 500
SESSIONS = 30
CHOICES = 10
# Below PostgreSQL's default max_connections (100), leaving room for other test runs.
WORKERS = 32


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections: run with DATABASE_URL=postgresql://…")


def _crowd(event) -> tuple[list[User], list[Session]]:
    users = User.objects.bulk_create(
        [User(email=f"crowd{i}@example.org") for i in range(ATTENDEES)]
    )
    Registration.objects.bulk_create(
        [Registration(event=event, user=u, status=Registration.Status.CONFIRMED) for u in users]
    )
    sessions = Session.objects.bulk_create(
        [Session(event=event, title=f"Session {i}") for i in range(SESSIONS)]
    )
    return users, sessions


def _run_all(tasks: list) -> list:
    """Run the callables on WORKERS threads (tasks dealt round-robin, so the two copies of a
    double tap run on different connections at once); each thread closes its connection."""

    def run(share: list) -> list:
        try:
            return [(index, task()) for index, task in share]
        finally:
            connection.close()

    shares = [list(enumerate(tasks))[w::WORKERS] for w in range(WORKERS)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        done = [pair for result in pool.map(run, shares) for pair in result]
    return [result for _index, result in sorted(done, key=lambda pair: pair[0])]


def _set_many(user, sessions, interested: bool):
    return lambda: [interest_set(session=s, user=user, interested=interested) for s in sessions]


def test_concurrent_toggles_end_with_exactly_the_expected_counts(event):
    users, sessions = _crowd(event)
    marks = {
        u.pk: [sessions[(i * 7 + k) % SESSIONS] for k in range(CHOICES)]
        for i, u in enumerate(users)
    }
    # Everyone then takes back a few (0 to 3) of their choices.
    unmarks = {u.pk: marks[u.pk][: i % 4] for i, u in enumerate(users)}
    # Some requests arrive twice at once: a double tap, or a retry after a lost response.
    mark_tasks = [
        task
        for u in users
        for task in (_set_many(u, marks[u.pk], True), _set_many(u, marks[u.pk][:3], True))
    ]
    unmark_tasks = [_set_many(u, unmarks[u.pk], False) for u in users for _ in range(2)]

    _run_all(mark_tasks)
    _run_all(unmark_tasks)

    expected = Counter(s.pk for u in users for s in marks[u.pk] if s not in unmarks[u.pk])
    counted = Counter(Interest.objects.values_list("session_id", flat=True))
    assert counted == expected
    assert sum(counted.values()) == sum(CHOICES - i % 4 for i in range(ATTENDEES))


def test_concurrent_marks_by_one_attendee_never_exceed_the_dot_budget(event):
    users, sessions = _crowd(event)
    set_programme(event, dot_budget=3)
    alice = users[0]

    def mark(session):
        def task():
            try:
                interest_set(session=session, user=alice, interested=True)
            except ValidationError:
                return None
            return session.pk

        return task

    accepted = _run_all([mark(s) for s in sessions[:10] for _ in range(2)])

    kept = set(Interest.objects.filter(user=alice).values_list("session_id", flat=True))
    assert len(kept) == 3
    assert {pk for pk in accepted if pk is not None} == kept
