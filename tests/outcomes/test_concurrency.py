"""Two people saving the same notes at the same moment, on real concurrent connections.

Each save runs in its own thread (so its own database connection and transaction); a barrier
releases them together. Exactly one wins; the other is told, and nothing is overwritten.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from oneteam.outcomes import services
from oneteam.outcomes.models import NoteRevision, SessionNotes

# serialized_rollback: the data migrations' rows (disciplines) come back for each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROUNDS = 5


def _race(session, people, base: int, texts: list[str]) -> list[str]:
    barrier = threading.Barrier(len(people))

    def save(person, text: str) -> str:
        try:
            barrier.wait(timeout=10)
            services.notes_save(session=session, author=person, text=text, base_revision=base)
            return "saved"
        except services.NotesConflict:
            return "conflict"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        return list(pool.map(save, people, texts))


def test_simultaneous_saves_on_one_base_exactly_one_wins(session, host, attendee):
    if connection.vendor == "sqlite":
        # SQLite's in-memory test database is per connection; the sequential two-client test
        # in test_notes.py covers SQLite, and this one needs PostgreSQL's real concurrency.
        pytest.skip("needs concurrent connections: run with DATABASE_URL=postgresql://…")
    for round_number in range(ROUNDS):
        outcomes = _race(
            session,
            [host, attendee],
            round_number,
            [f"Hana {round_number}", f"Nadia {round_number}"],
        )

        assert sorted(outcomes) == ["conflict", "saved"]
    notes = SessionNotes.objects.get(session=session)
    assert notes.revision == ROUNDS
    assert list(NoteRevision.objects.order_by("number").values_list("number", flat=True)) == list(
        range(1, ROUNDS + 1)
    )
    assert notes.text == NoteRevision.objects.get(number=ROUNDS).text


def test_workers_running_the_reminder_batch_at_once_send_each_reminder_once(past_event, attendee):
    if connection.vendor == "sqlite":
        pytest.skip("needs concurrent connections: run with DATABASE_URL=postgresql://…")
    from django.core import mail
    from django.utils import timezone

    from oneteam.outcomes.models import Action

    today = timezone.localdate()
    Action.objects.bulk_create(
        [Action(event=past_event, owner=attendee, text=f"a{i}", due_on=today) for i in range(40)]
    )
    workers = 4
    barrier = threading.Barrier(workers)

    def run_batch(_: int) -> int:
        try:
            barrier.wait(timeout=10)
            return services.send_due_reminders()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        sent = list(pool.map(run_batch, range(workers)))

    assert sum(sent) == 40
    texts = sorted(message.body.split("“I will ")[1].split("”")[0] for message in mail.outbox)
    assert texts == sorted(f"a{i}" for i in range(40))
