"""Timetable fixtures: a small un-conference with rooms, slots, pitched sessions and interests.

`grid_world` is the shared arrangement most timetable tests need:
- rooms: Hall (30, step-free), Attic (10, not step-free), Studio (20, step-free);
- slots: 10:00 and 11:00 session slots, a 12:00 lunch break, 13:00 session slot;
- sessions (hosts): A "Open policy" (Charlie), B "Data for all" (Charlie), C "Service design"
  (Alice), D "Digital leaders" (Bea, needs step-free), E "Delivery myths" (Dan);
- confirmed attendees Alice, Charlie, Bea, Dan and Eve; interests: Alice A, B; Eve A, B, D;
  Bea A, C; Dan B.

Beside it, the helpers that put a layout of that world into a version (`GOOD_LAYOUT`,
`placements_for`, `make_version`, `publish_layout` and the `draft` fixture), and
`refusal_message` for a service's refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from oneteam.accounts.models import User
from oneteam.events.models import Event, Registration, Room, Slot
from oneteam.programme.models import Interest, Session
from oneteam.timetable.models import ScheduleVersion
from oneteam.timetable.services.versions import version_create, version_publish
from tests.conftest import make_member

# Session key -> (room key, slot key) in `grid_world`.
Layout = dict[str, tuple[str, str]]

# Every session placed and publishable: no host in two places at once, D (step-free) in the
# Studio.
GOOD_LAYOUT: Layout = {
    "A": ("hall", "ten"),
    "B": ("hall", "eleven"),
    "C": ("studio", "eleven"),
    "D": ("studio", "one"),
    "E": ("attic", "ten"),
}

# Runs a background task as soon as it is enqueued (the default backend only queues it).
IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@dataclass
class GridWorld:
    event: Event
    rooms: dict[str, Room]
    slots: dict[str, Slot]
    sessions: dict[str, Session]
    people: dict[str, User]


def _at(event: Event, hour: int) -> datetime:
    return event.starts_at.replace(minute=0, second=0, microsecond=0) + timedelta(hours=hour)


# Named so that a module importing the fixture (tests/browser) can ask for `grid_world` without
# shadowing the import (pytest's documented way round ruff's F811).
@pytest.fixture(name="grid_world")
def fixture_grid_world(event, member, other_member) -> GridWorld:
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


def placements_for(world: GridWorld, layout: Layout) -> dict[int, tuple[int, int]]:
    """The layout as version_create's placements: session pk -> (room pk, slot pk)."""
    return {
        world.sessions[s].pk: (world.rooms[r].pk, world.slots[t].pk) for s, (r, t) in layout.items()
    }


def make_version(
    world: GridWorld, layout: Layout, *, origin: str = ScheduleVersion.Origin.ADJUSTED
) -> ScheduleVersion:
    """A draft version of the world's event holding the layout."""
    placements = placements_for(world, layout)
    return version_create(event=world.event, placements=placements, origin=origin)


def publish_layout(world: GridWorld, layout: Layout) -> ScheduleVersion:
    """A version holding the layout, published."""
    return version_publish(version=make_version(world, layout))


@pytest.fixture(name="draft")
def fixture_draft(grid_world: GridWorld) -> ScheduleVersion:
    """The good layout as a built, unpublished version: what an organiser adjusts."""
    return make_version(grid_world, GOOD_LAYOUT, origin=ScheduleVersion.Origin.BUILT)


def refusal_message(call: Callable[[], object]) -> str:
    """The messages of the ValidationError that call() raises, as one string."""
    with pytest.raises(ValidationError) as caught:
        call()
    return " ".join(caught.value.messages)
