"""Reads for the grid: the current version, a version's placements and grid, differences."""

from __future__ import annotations

from dataclasses import dataclass, field

from oneteam.events.models import Event, Room, Slot
from oneteam.programme.selectors import hosts_prefetch
from oneteam.timetable.models import Placement, ScheduleBuild, ScheduleVersion
from oneteam.timetable.problem import event_rooms

# The sessions a grid places, for the views (which reach the scheduling bridge only through
# services and selectors).
from oneteam.timetable.problem import schedulable_sessions as schedulable_sessions


def current_version(*, event: Event) -> ScheduleVersion | None:
    """The published grid attendees see, if any."""
    return ScheduleVersion.objects.filter(event=event, is_current=True).first()


def version_placements(*, version: ScheduleVersion) -> dict[int, tuple[int, int]]:
    """Session pk -> (room pk, slot pk)."""
    return {
        s: (r, t)
        for s, r, t in Placement.objects.filter(version=version).values_list(
            "session_id", "room_id", "slot_id"
        )
    }


@dataclass
class GridRow:
    slot: Slot
    # One entry per room, in the grid's room order; None where the room is free.
    cells: list[Placement | None]

    @property
    def is_sessions(self) -> bool:
        return self.slot.kind == Slot.Kind.SESSIONS


@dataclass
class Grid:
    version: ScheduleVersion
    rooms: list[Room]
    rows: list[GridRow]
    placements: dict[int, Placement] = field(default_factory=dict)  # by session pk


def grid_for(*, version: ScheduleVersion) -> Grid:
    """Rooms as columns and every slot of the event as rows (breaks and plenaries included,
    with no cells placed), in three queries."""
    event = version.event
    rooms = list(event_rooms(event=event))
    slots = list(Slot.objects.filter(event=event).order_by("starts_at", "pk"))
    for slot in slots:  # their event is this one: naming a slot needs no query for it
        slot.event = event
    placements = list(
        Placement.objects.filter(version=version)
        .select_related("session", "room", "slot")
        .prefetch_related(hosts_prefetch("session__hosts"))
    )
    by_cell = {(p.slot_id, p.room_id): p for p in placements}
    rows = [GridRow(slot, [by_cell.get((slot.pk, room.pk)) for room in rooms]) for slot in slots]
    return Grid(version, rooms, rows, {p.session_id: p for p in placements})


@dataclass(frozen=True)
class Move:
    session_id: int
    before: tuple[int, int] | None  # (room pk, slot pk), None when newly placed
    after: tuple[int, int] | None  # None when no longer placed


def version_diff(*, old: ScheduleVersion, new: ScheduleVersion) -> list[Move]:
    """Sessions whose room or slot differs between two versions (added and dropped included)."""
    before, after = version_placements(version=old), version_placements(version=new)
    return [
        Move(s, before.get(s), after.get(s))
        for s in sorted(before.keys() | after.keys())
        if before.get(s) != after.get(s)
    ]


def version_list(*, event: Event) -> list[ScheduleVersion]:
    """The event's versions, newest first, for the organiser's workspace (one query)."""
    return list(ScheduleVersion.objects.filter(event=event).order_by("-number"))


def latest_build(*, event: Event) -> ScheduleBuild | None:
    return (
        ScheduleBuild.objects.filter(event=event)
        .select_related("version")
        .order_by("-created_at", "-pk")
        .first()
    )


def late_pitches(*, event: Event, version: ScheduleVersion | None) -> list:
    """Sessions the grid should place that `version` (the published grid) leaves out."""
    if version is None:
        return []
    placed = Placement.objects.filter(version=version).values("session_id")
    return list(schedulable_sessions(event=event).exclude(pk__in=placed))
