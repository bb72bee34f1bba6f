"""Access rows for the grid: organisers build, adjust and publish; the published grid is public;
members have an agenda.

Helpers below make what a route needs on first use, in whichever world the matrix runs (the
suite's small one, or the demo community in the browser sweep), so every page renders with
content. Each route module appends its rows to ROUTES, grouped by view module.
"""

from __future__ import annotations

from datetime import timedelta

from oneteam import scheduling
from oneteam.events.models import Room, Slot
from oneteam.programme.models import Session
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import ScheduleVersion
from oneteam.timetable.services.versions import version_from_result, version_publish
from tests.access import LOGIN, route  # noqa: F401  (used by the rows below)


def ensure_grid_inputs(world) -> None:
    """Rooms, slots and a pitched session for the world's event, unless it has them."""
    event = world.event
    if not Room.objects.filter(event=event).exists():
        Room.objects.create(event=event, name="Hall", capacity=40)
        Room.objects.create(event=event, name="Attic", capacity=12, step_free=False)
    if not adapter.schedulable_slots(event=event).exists():
        for hour in (1, 2):
            starts = event.starts_at + timedelta(hours=hour)
            Slot.objects.create(
                event=event, starts_at=starts, ends_at=starts + timedelta(minutes=50)
            )
    if not adapter.schedulable_sessions(event=event).exists():
        session = Session.objects.create(event=event, title="Joining up data")
        session.hosts.add(world.other_member)


def _solved_version(world, *, origin: str = ScheduleVersion.Origin.BUILT) -> ScheduleVersion:
    ensure_grid_inputs(world)
    built = adapter.event_problem(event=world.event)
    # A fixed, small budget: deterministic and fast, whatever the world's size.
    result = scheduling.solve(built.problem, time_limit=2, seed=0, exact=False, evals=20_000)
    return version_from_result(event=world.event, result=result, origin=origin)


def published_version(world) -> ScheduleVersion:
    """The event's current grid, built and published on first use."""
    current = ScheduleVersion.objects.filter(event=world.event, is_current=True).first()
    if current is not None:
        return current
    return version_publish(version=_solved_version(world))


def draft_version(world) -> ScheduleVersion:
    """A draft (unpublished) version beside the published one."""
    published_version(world)
    draft = ScheduleVersion.objects.filter(event=world.event, published_at__isnull=True).first()
    return draft if draft is not None else _solved_version(world)


def on_event(world) -> dict:
    return {"event_slug": world.event.slug}


def on_published_event(world) -> dict:
    published_version(world)
    return {"event_slug": world.event.slug}


def on_published_version(world) -> dict:
    return {"event_slug": world.event.slug, "number": published_version(world).number}


def on_draft_version(world) -> dict:
    return {"event_slug": world.event.slug, "number": draft_version(world).number}


PUBLIC_PAGE = {"anonymous": 200, "member": 200, "organiser": 200, "moderator": 200}
SIGNED_IN_PAGE = {"anonymous": LOGIN, "member": 200, "organiser": 200, "moderator": 200}
ORGANISER_PAGE = {"anonymous": LOGIN, "member": 404, "organiser": 200, "moderator": 404}
ORGANISER_POST = {"anonymous": LOGIN, "member": 404, "organiser": 302, "moderator": 404}

ROUTES: list = [
    # organise (views/organise.py)
    # adjust (views/adjust.py)
    # board, now, grid (views/board.py)
    # agenda and feed (views/agenda.py)
]
