"""The one adapter between the database and the scheduling engine (shared/spec/scheduling.md).

Ids in the problem are the database keys with a prefix (`r12` room, `t7` slot, `s40` session,
`u3` attendee), so a result maps straight back to rows and a problem exported for the CLI can
be read by a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone

from oneteam import scheduling
from oneteam.events.models import Event, Registration, Room, Slot
from oneteam.programme.models import Interest, Session

ROOM, SLOT, SESSION, ATTENDEE = "r", "t", "s", "u"


def key(prefix: str, pk: int) -> str:
    return f"{prefix}{pk}"


def pk_of(ident: str) -> int:
    return int(ident[1:])


def schedulable_sessions(*, event: Event) -> QuerySet[Session]:
    """The sessions a grid places: pitched (not withdrawn or merged), not Lean Coffee topics."""
    return (
        Session.objects.filter(event=event, status=Session.Status.PITCHED)
        .exclude(format=Session.Format.LEAN_COFFEE)
        .order_by("created_at", "pk")
    )


def schedulable_slots(*, event: Event) -> QuerySet[Slot]:
    return Slot.objects.filter(event=event, kind=Slot.Kind.SESSIONS).order_by("starts_at", "pk")


def event_rooms(*, event: Event) -> QuerySet[Room]:
    return Room.objects.filter(event=event).order_by("name", "pk")


def slot_label(slot: Slot, *, event: Event) -> str:
    """What an organiser calls a slot: its label, else its start in the event's time zone
    (`str(slot)` would give the stored UTC time, an hour or more out)."""
    return slot.label or timezone.localtime(slot.starts_at, ZoneInfo(event.time_zone)).strftime(
        "%H:%M"
    )


@dataclass(frozen=True)
class EventProblem:
    """A valid engine problem for an event, with the spec document it was parsed from."""

    document: dict[str, Any]
    problem: scheduling.Problem


def problem_document(
    *, event: Event, previous: dict[int, tuple[int, int]] | None = None
) -> dict[str, Any]:
    """The event as a spec problem document.

    `previous` maps session pk -> (room pk, slot pk) of the published grid; given, the run is a
    repair that counts moves away from it. Pins come from `SessionPin`. Interests count for
    confirmed attendees only; hosts always count for their own sessions (the spec's rule).
    """
    from oneteam.timetable.models import SessionPin

    rooms = list(event_rooms(event=event))
    slots = list(schedulable_slots(event=event))
    sessions = list(
        schedulable_sessions(event=event).prefetch_related("hosts", "unavailable_slots")
    )
    session_ids = {s.pk for s in sessions}
    slot_ids = {s.pk for s in slots}
    pins = {p.session_id: p for p in SessionPin.objects.filter(session_id__in=session_ids)}
    confirmed = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).values("user_id")
    interests: dict[str, list[str]] = {}
    for user_id, session_id in (
        Interest.objects.filter(session_id__in=session_ids, user_id__in=confirmed)
        .order_by("user_id", "session_id")
        .values_list("user_id", "session_id")
    ):
        interests.setdefault(key(ATTENDEE, user_id), []).append(key(SESSION, session_id))

    def session_entry(session: Session) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": key(SESSION, session.pk),
            "title": session.title,
            "hosts": [key(ATTENDEE, h.pk) for h in session.hosts.all()],
            "needs_step_free": session.needs_step_free,
            "unavailable_slots": [
                key(SLOT, s.pk) for s in session.unavailable_slots.all() if s.pk in slot_ids
            ],
        }
        pin = pins.get(session.pk)
        if pin is not None:
            entry["pinned"] = {}
            if pin.room_id is not None:
                entry["pinned"]["room"] = key(ROOM, pin.room_id)
            if pin.slot_id is not None:
                entry["pinned"]["slot"] = key(SLOT, pin.slot_id)
        return entry

    document: dict[str, Any] = {
        "format": scheduling.model.PROBLEM_FORMAT,
        "rooms": [
            {
                "id": key(ROOM, r.pk),
                "name": r.name,
                "capacity": r.capacity,
                "step_free": r.step_free,
            }
            for r in rooms
        ],
        "slots": [{"id": key(SLOT, s.pk), "label": slot_label(s, event=event)} for s in slots],
        "sessions": [session_entry(s) for s in sessions],
        "interests": interests,
    }
    if previous:
        document["previous"] = {
            key(SESSION, session): {"room": key(ROOM, room), "slot": key(SLOT, slot)}
            for session, (room, slot) in previous.items()
            if session in session_ids
        }
    return document


def event_problem(
    *, event: Event, previous: dict[int, tuple[int, int]] | None = None
) -> EventProblem:
    """Raises `scheduling.ProblemError` when the event's data breaks an input rule (e.g. pins)."""
    document = problem_document(event=event, previous=previous)
    return EventProblem(document=document, problem=scheduling.parse_problem(document))


def names_of(document: dict[str, Any]) -> dict[str, str]:
    """Engine ids -> what an organiser calls them (rooms, slots, sessions), for readable
    messages."""
    names = {r["id"]: r["name"] for r in document["rooms"]}
    names.update({s["id"]: s["label"] for s in document["slots"]})
    names.update({s["id"]: f"“{s['title']}”" for s in document["sessions"]})
    return names


def assignments_for(
    built: EventProblem, placements: dict[int, tuple[int, int]]
) -> dict[str, scheduling.Placement]:
    """The placements as the engine's assignments, keeping only the sessions the problem
    schedules (a version may still hold a session withdrawn since)."""
    ids = {s.id for s in built.problem.sessions}
    return assignments_of({s: p for s, p in placements.items() if key(SESSION, s) in ids})


def assignments_of(placements: dict[int, tuple[int, int]]) -> dict[str, scheduling.Placement]:
    """Session pk -> (room pk, slot pk), as the engine's assignments."""
    return {
        key(SESSION, s): scheduling.Placement(key(ROOM, r), key(SLOT, t))
        for s, (r, t) in placements.items()
    }


def placements_of(result: scheduling.Result) -> dict[int, tuple[int, int]]:
    return {pk_of(sid): (pk_of(p.room), pk_of(p.slot)) for sid, p in result.assignments.items()}
