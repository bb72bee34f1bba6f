"""Timetable fixtures: a small un-conference with rooms, slots, pitched sessions and interests.

`grid_world` is the shared arrangement most timetable tests need:
- rooms: Hall (30, step-free), Attic (10, not step-free), Studio (20, step-free);
- slots: 10:00 and 11:00 session slots, a 12:00 lunch break, 13:00 session slot;
- sessions (hosts): A "Open policy" (Charlie), B "Data for all" (Charlie), C "Service design"
  (Alice), D "Digital leaders" (Bea, needs step-free), E "Delivery myths" (Dan);
- confirmed attendees Alice, Charlie, Bea, Dan and Eve; interests: Alice A, B; Eve A, B, D;
  Bea A, C; Dan B.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from oneteam.accounts.models import User
from oneteam.events.models import Event, Registration, Room, Slot
from oneteam.programme.models import Interest, Session
from tests.conftest import make_member


@dataclass
class GridWorld:
    event: Event
    rooms: dict[str, Room]
    slots: dict[str, Slot]
    sessions: dict[str, Session]
    people: dict[str, User]


def _at(event: Event, hour: int) -> datetime:
    return event.starts_at.replace(minute=0, second=0, microsecond=0) + timedelta(hours=hour)


@pytest.fixture
def grid_world(event, member, other_member) -> GridWorld:
    event.starts_at = event.starts_at.replace(minute=0, second=0, microsecond=0)
    event.ends_at = event.starts_at + timedelta(hours=8)
    event.save(update_fields=["starts_at", "ends_at"])
    people = {
        "alice": member,
        "charlie": other_member,
        "bea": make_member("bea@example.org", name="Bea Design", discipline="design"),
        "dan": make_member("dan@example.org", name="Dan Delivery", discipline="delivery"),
        "eve": make_member("eve@example.org", name="Eve Economist", discipline="policy"),
    }
    for user in people.values():
        Registration.objects.create(event=event, user=user, status=Registration.Status.CONFIRMED)
    rooms = {
        "hall": Room.objects.create(event=event, name="Hall", capacity=30),
        "attic": Room.objects.create(event=event, name="Attic", capacity=10, step_free=False),
        "studio": Room.objects.create(event=event, name="Studio", capacity=20),
    }

    def slot(hour: int, label: str, kind: str = Slot.Kind.SESSIONS) -> Slot:
        return Slot.objects.create(
            event=event,
            starts_at=_at(event, hour),
            ends_at=_at(event, hour) + timedelta(minutes=50),
            label=label,
            kind=kind,
        )

    slots = {
        "ten": slot(1, "10:00"),
        "eleven": slot(2, "11:00"),
        "lunch": slot(3, "Lunch", Slot.Kind.BREAK),
        "one": slot(4, "13:00"),
    }

    def session(key: str, title: str, host: str, **fields) -> Session:
        made = Session.objects.create(event=event, title=title, **fields)
        made.hosts.add(people[host])
        return made

    sessions = {
        "A": session("A", "Open policy", "charlie"),
        "B": session("B", "Data for all", "charlie"),
        "C": session("C", "Service design", "alice"),
        "D": session("D", "Digital leaders", "bea", needs_step_free=True),
        "E": session("E", "Delivery myths", "dan"),
    }
    for who, keys in {"alice": "AB", "eve": "ABD", "bea": "AC", "dan": "B"}.items():
        for k in keys:
            Interest.objects.create(session=sessions[k], user=people[who])
    return GridWorld(event, rooms, slots, sessions, people)
