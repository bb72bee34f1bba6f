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

pytestmark = pytest.mark.django_db(transaction=True)

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
