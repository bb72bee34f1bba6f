"""The one bridge between the app and the scheduling engine (shared/spec/scheduling.md).

Only this module imports `oneteam.scheduling` (tests/test_import_rules.py keeps it so): it turns
the event's rows into the engine's problem, asks the engine for costs, broken rules and
schedules, and puts the engine's findings into the organiser's words (`describe`), so every
hard rule is worded once, here.

Ids in the problem are the database keys with a prefix (`r12` room, `t7` slot, `s40` session,
`u3` attendee), so a result maps straight back to rows and a problem exported for the CLI can
be read by a person.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oneteam import scheduling
from oneteam.accounts.models import User
from oneteam.events.models import Event, Registration, Room, Slot
from oneteam.programme.models import Interest, Session
from oneteam.scheduling import analysis

logger = logging.getLogger(__name__)

# The engine's types the app names in annotations and comparisons (only through this module).
Result = scheduling.Result
Rule = scheduling.Rule
Violation = scheduling.Violation
SessionHurt = analysis.SessionHurt
ProgressCallback = scheduling.ProgressCallback

PlacementMap = dict[int, tuple[int, int]]
"""Session pk -> (room pk, slot pk)."""

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
class Pin:
    """A pin to try before it is stored: session `session` in room `room` and/or slot `slot`
    (primary keys)."""

    session: int
    room: int | None
    slot: int | None


class InvalidProblem(ValidationError):
    """The event's data breaks an input rule of the engine (e.g. conflicting pins).

    A refusal like any other (`messages`, and `refusals` for the same lines): a service that
    lets it through refuses the request, changing nothing."""

    def __init__(self, refusals: list[str]) -> None:
        super().__init__(refusals)
        self.refusals = refusals


@dataclass(frozen=True)
class StepFreeNeed:
    """Who needs a session in a step-free room: `host_said` when its pitch says a host does,
    `hosts` of its hosts and `attendees` of the confirmed attendees interested in it whose
    registration says they need step-free access."""

    host_said: bool = False
    hosts: int = 0
    attendees: int = 0

    @property
    def needed(self) -> bool:
        return self.host_said or self.hosts > 0 or self.attendees > 0

    @property
    def host_count(self) -> int:
        """The pitch's "a host needs it" is one of the hosts whose registration may say so."""
        return max(self.hosts, 1 if self.host_said else 0)

    @property
    def people(self) -> int:
        return self.host_count + self.attendees


def step_free_needs(*, sessions: Iterable[Session]) -> dict[int, StepFreeNeed]:
    """Each session's step-free need (session pk -> need), for sessions of one event: a
    session needs a step-free room when one of its hosts said so on the pitch or their
    registration, or when any confirmed attendee who wants it said so on their registration.
    Two queries for any number of sessions."""
    listed = {s.pk: s for s in sessions}
    needing = Registration.objects.filter(
        event_id__in={s.event_id for s in listed.values()}, needs_step_free=True
    ).exclude(status=Registration.Status.CANCELLED)
    hosts: dict[int, set[int]] = {}
    for session_id, user_id in Session.hosts.through.objects.filter(
        session_id__in=listed, user_id__in=needing.values("user_id")
    ).values_list("session_id", "user_id"):
        hosts.setdefault(session_id, set()).add(user_id)
    attendees: dict[int, int] = {}
    for session_id, user_id in Interest.objects.filter(
        session_id__in=listed,
        user_id__in=needing.filter(status=Registration.Status.CONFIRMED).values("user_id"),
    ).values_list("session_id", "user_id"):
        if user_id not in hosts.get(session_id, ()):
            attendees[session_id] = attendees.get(session_id, 0) + 1
    return {
        pk: StepFreeNeed(
            host_said=session.needs_step_free,
            hosts=len(hosts.get(pk, ())),
            attendees=attendees.get(pk, 0),
        )
        for pk, session in listed.items()
    }


@dataclass(frozen=True)
class EventProblem:
    """A valid engine problem for an event, with the spec document it was parsed from."""

    document: dict[str, Any]
    problem: scheduling.Problem


def problem_document(
    *, event: Event, previous: PlacementMap | None = None, pin: Pin | None = None
) -> dict[str, Any]:
    """The event as a spec problem document.

    `previous` maps session pk -> (room pk, slot pk) of the published grid; given, the run is a
    repair that counts moves away from it. Pins come from `SessionPin`, with `pin` in place of
    its session's stored one. Interests count for confirmed attendees only; hosts always count
    for their own sessions (the spec's rule). A session `needs_step_free` when a host or any
    interested attendee needs step-free access (`step_free_needs`).
    """
    from oneteam.timetable.models import SessionPin

    rooms = list(event_rooms(event=event))
    slots = list(schedulable_slots(event=event))
    sessions = list(
        schedulable_sessions(event=event).prefetch_related("hosts", "unavailable_slots")
    )
    session_ids = {s.pk for s in sessions}
    slot_ids = {s.pk for s in slots}
    pins: dict[int, tuple[int | None, int | None]] = {
        p.session_id: (p.room_id, p.slot_id)
        for p in SessionPin.objects.filter(session_id__in=session_ids)
    }
    if pin is not None:
        pins[pin.session] = (pin.room, pin.slot)
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
    needs = step_free_needs(sessions=sessions)

    def session_entry(session: Session) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": key(SESSION, session.pk),
            "title": session.title,
            "hosts": [key(ATTENDEE, h.pk) for h in session.hosts.all()],
            "needs_step_free": needs[session.pk].needed,
            "unavailable_slots": [
                key(SLOT, s.pk) for s in session.unavailable_slots.all() if s.pk in slot_ids
            ],
        }
        pinned_room, pinned_slot = pins.get(session.pk, (None, None))
        if pinned_room is not None or pinned_slot is not None:
            entry["pinned"] = {}
            if pinned_room is not None:
                entry["pinned"]["room"] = key(ROOM, pinned_room)
            if pinned_slot is not None:
                entry["pinned"]["slot"] = key(SLOT, pinned_slot)
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
    relaxable = {
        key(SESSION, pk)
        for pk, need in needs.items()
        if need.needed and not need.host_said and pk in pins and (pin is None or pin.session != pk)
    }
    if relaxable:
        _keep_pins_over_later_needs(document, relaxable)
    return document


def _keep_pins_over_later_needs(document: dict[str, Any], relaxable: set[str]) -> None:
    """A stored pin that an attendee's (or host's registered) step-free need now contradicts
    (pinned to a room without step-free access, or to a time with no step-free room left):
    keep the organiser's pin and drop that need from the problem, rather than refuse every
    build, preview and publish of the event; `step_free_shortfall` tells the organiser.
    A pin being tried (`problem_document(pin=...)`) and a need from the pitch are never
    dropped: those are refused in words as before."""
    entries = {s["id"]: s for s in document["sessions"]}
    while relaxable:
        try:
            scheduling.parse_problem(document)
        except scheduling.ProblemError as error:
            blocking = (Rule.NOT_STEP_FREE, Rule.PINS_UNMET)
            named = relaxable & {
                sid for v in error.violations if v.rule in blocking for sid in v.sessions
            }
            if not named and any(v.rule == Rule.PINS_UNMET for v in error.violations):
                named = set(relaxable)  # the pins' matching named another session
            if not named:
                return
            for sid in named:
                entries[sid]["needs_step_free"] = False
            relaxable -= named
        else:
            return


def event_problem(
    *,
    event: Event,
    previous: PlacementMap | None = None,
    pin: Pin | None = None,
    about: int | None = None,
) -> EventProblem:
    """The event's problem (with `pin` tried in place of its session's stored pin).

    Raises `InvalidProblem`, in words, when the event's data breaks an input rule (e.g. two
    pins on one room and time); a rule between two sessions is told from session `about` (or
    the pinned one) when it is one of them."""
    document = problem_document(event=event, previous=previous, pin=pin)
    try:
        problem = scheduling.parse_problem(document)
    except scheduling.ProblemError as error:
        if about is None and pin is not None:
            about = pin.session
        refusals = describe(
            error.violations, document=document, about=() if about is None else (about,)
        )
        worded = {v.message for v in error.violations}
        unworded = [m for m in error.messages if m not in worded]
        if unworded:
            # Not a broken rule but a reference the engine cannot follow (a pin or a published
            # placement in a room or time that is no longer in the grid): say so, log the rest.
            logger.warning("The engine refused event %s's problem: %s", event.pk, unworded)
            refusals.append(
                _(
                    "A pin or a placement uses a room or time that is no longer in the grid: "
                    "check the pins and the rooms and times."
                )
            )
        raise InvalidProblem(refusals) from error
    return EventProblem(document=document, problem=problem)


def names_of(document: dict[str, Any]) -> dict[str, str]:
    """Engine ids -> what an organiser calls them (rooms, slots, sessions), for readable
    messages."""
    names = {r["id"]: r["name"] for r in document["rooms"]}
    names.update({s["id"]: s["label"] for s in document["slots"]})
    names.update({s["id"]: f"“{s['title']}”" for s in document["sessions"]})
    return names


def assignments_for(
    built: EventProblem, placements: PlacementMap
) -> dict[str, scheduling.Placement]:
    """The placements as the engine's assignments, keeping only the sessions the problem
    schedules (a version may still hold a session withdrawn since)."""
    ids = {s.id for s in built.problem.sessions}
    return assignments_of({s: p for s, p in placements.items() if key(SESSION, s) in ids})


def assignments_of(placements: PlacementMap) -> dict[str, scheduling.Placement]:
    """Session pk -> (room pk, slot pk), as the engine's assignments."""
    return {
        key(SESSION, s): scheduling.Placement(key(ROOM, r), key(SLOT, t))
        for s, (r, t) in placements.items()
    }


def placements_of(result: scheduling.Result) -> PlacementMap:
    return {pk_of(sid): (pk_of(p.room), pk_of(p.slot)) for sid, p in result.assignments.items()}


# --- What the engine says about a grid ------------------------------------------------------


def cost_of(built: EventProblem, placements: PlacementMap) -> dict[str, float | int]:
    """The grid's cost as the engine counts it (the spec's JSON form)."""
    return scheduling.evaluate(built.problem, assignments_for(built, placements)).to_json()


def broken_rules(built: EventProblem, placements: PlacementMap) -> list[scheduling.Violation]:
    """The hard rules the grid breaks, as data (`describe` words them)."""
    return scheduling.broken_rules(built.problem, assignments_for(built, placements))


def unplaced(built: EventProblem, placements: PlacementMap) -> list[int]:
    """The sessions the problem schedules that the grid leaves out, in the problem's order."""
    return [pk_of(s.id) for s in built.problem.sessions if pk_of(s.id) not in placements]


def step_free_shortfall(built: EventProblem) -> list[str]:
    """Before any build, in words: the sessions that need a step-free room where the step-free
    rooms cannot take them all (a hard rule, so some would go unscheduled), with how many
    people need each. Empty when every such session can have one."""
    lines = describe(analysis.step_free_shortages(built.problem), document=built.document)
    return _pinned_away_from_step_free(built.document) + lines


def _pinned_away_from_step_free(document: dict[str, Any]) -> list[str]:
    """The pinned sessions whose step-free need the problem leaves out to keep their pin
    (`_keep_pins_over_later_needs`), in words."""
    kept = {
        pk_of(s["id"]): s
        for s in document["sessions"]
        if "pinned" in s and not s["needs_step_free"]
    }
    if not kept:
        return []
    needs = step_free_needs(sessions=Session.objects.filter(pk__in=kept))
    rooms = {r["id"]: r["name"] for r in document["rooms"]}
    slots = {t["id"]: t["label"] for t in document["slots"]}
    lines = []
    for pk, entry in kept.items():
        need = needs.get(pk)
        if need is None or not need.needed:
            continue
        pinned = entry["pinned"]
        words = {
            "title": entry["title"],
            "where": place_name(
                rooms.get(pinned.get("room", "")), slots.get(pinned.get("slot", ""))
            ),
            "people": _people(need),
        }
        lines.append(
            ngettext(
                "“%(title)s” is pinned to %(where)s, but %(people)s who wants it needs a "
                "step-free room: pin it to a step-free room or unpin it.",
                "“%(title)s” is pinned to %(where)s, but %(people)s who want it need a "
                "step-free room: pin it to a step-free room or unpin it.",
                need.people,
            )
            % words
        )
    return lines


def worst_sessions(
    built: EventProblem, placements: PlacementMap, *, limit: int
) -> list[analysis.SessionHurt]:
    """The placed sessions that most hurt (engine ids: `pk_of` reads them)."""
    return analysis.worst_sessions(built.problem, assignments_for(built, placements), limit=limit)


def solve(
    built: EventProblem,
    *,
    time_limit: float,
    seed: int,
    progress: scheduling.ProgressCallback | None = None,
    workers: int = 1,
    evals: int | None = None,
) -> scheduling.Result:
    """Run the engine on the event's problem. `evals` fixes the search's budget, so a seed gives
    the same grid on every machine (the demo's), instead of searching until the time limit."""
    if evals is not None:
        return scheduling.solve(
            built.problem, time_limit=time_limit, seed=seed, exact=False, evals=evals
        )
    return scheduling.solve(
        built.problem, time_limit=time_limit, seed=seed, progress=progress, workers=workers
    )


# --- Broken rules in words --------------------------------------------------------------------


def place_name(room: str | None, slot: str | None) -> str:
    """“Hall at 10:00”, “Hall” or “10:00”: how a room and/or time reads in a message."""
    if room and slot:
        return _("%(room)s at %(slot)s") % {"room": room, "slot": slot}
    return room or slot or ""


def _and(names: Sequence[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return _("%(some)s and %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]}


def _told_from(sessions: tuple[str, ...], about: Sequence[str]) -> tuple[str, ...]:
    for ident in about:
        if ident in sessions:
            return (ident, *(s for s in sessions if s != ident))
    return sessions


def describe(
    violations: Iterable[scheduling.Violation],
    *,
    document: dict[str, Any],
    about: Sequence[int] = (),
) -> list[str]:
    """Broken hard rules in the organiser's words: the one place each rule is worded.

    Names come from the problem `document` (titles, room names, slot labels, which are local
    times in the event's zone) and from the hosts' profiles. `about` lists the sessions (pks)
    the organiser is moving or pinning, most relevant first: a rule between sessions is told
    from the first of them it involves. A line said twice is kept once; a pair of sessions
    that shares several hosts in one slot is one line naming them all.
    """
    found = list(violations)
    titles = {s["id"]: s["title"] for s in document["sessions"]}
    quoted = names_of(document)
    rooms = {r["id"]: r["name"] for r in document["rooms"]}
    slots = {t["id"]: t["label"] for t in document["slots"]}
    host_ids = {pk_of(v.host) for v in found if v.host is not None}
    hosts = (
        {
            key(ATTENDEE, user.pk): str(user)
            for user in User.objects.filter(pk__in=host_ids).select_related("profile")
        }
        if host_ids
        else {}
    )
    short = {pk_of(x) for v in found if v.rule == Rule.STEP_FREE_SHORT for x in v.sessions}
    needs = step_free_needs(sessions=Session.objects.filter(pk__in=short)) if short else {}
    step_free_rooms = sum(1 for r in document["rooms"] if r.get("step_free", True))
    focus = [key(SESSION, pk) for pk in about]
    told: list[tuple[scheduling.Violation, tuple[str, ...]]] = []
    shared_hosts: dict[tuple[tuple[str, ...], str | None, bool], list[str]] = {}
    for v in found:
        sessions = _told_from(v.sessions, focus)
        if v.rule == Rule.HOST_CLASH:
            names = shared_hosts.setdefault((sessions, v.slot, v.pinned), [])
            names.append(hosts.get(v.host or "", _("a host")))
            if len(names) > 1:
                continue
        told.append((v, sessions))
    lines: dict[str, None] = {}
    for v, sessions in told:
        subject, others = sessions[0], sessions[1:]
        words = {
            "title": titles.get(subject, subject),
            "others": _and([quoted.get(o, o) for o in others]),
            "room": rooms.get(v.room or "", ""),
            "slot": slots.get(v.slot or "", ""),
            "where": place_name(rooms.get(v.room or ""), slots.get(v.slot or "")),
        }
        if v.rule == Rule.STEP_FREE_SHORT:
            need = needs.get(pk_of(subject), StepFreeNeed(host_said=True))
            places = step_free_rooms * len(document["slots"])
            line = _step_free_short(step_free_rooms, places, held=v.slot is not None)
            numbers = {"people": _people(need), "rooms": step_free_rooms, "places": places}
            lines.setdefault(line % (words | numbers | {"sessions": len(sessions)}), None)
            continue
        shared = shared_hosts[sessions, v.slot, v.pinned] if v.rule == Rule.HOST_CLASH else []
        words["hosts"] = _and(shared)
        lines.setdefault(_sentence(v.rule, v.pinned, len(others), len(shared)) % words, None)
    return list(lines)


def _people(need: StepFreeNeed) -> str:
    """“2 people (a host and 1 attendee)”, “1 person (1 attendee)”."""
    parts = []
    if need.host_count:
        parts.append(ngettext("a host", "%(n)d hosts", need.host_count) % {"n": need.host_count})
    if need.attendees:
        parts.append(
            ngettext("%(n)d attendee", "%(n)d attendees", need.attendees) % {"n": need.attendees}
        )
    return ngettext("%(n)d person (%(who)s)", "%(n)d people (%(who)s)", need.people) % {
        "n": need.people,
        "who": _and(parts),
    }


def _step_free_short(rooms: int, places: int, *, held: bool) -> str:
    """The words for a step-free shortage (Rule.STEP_FREE_SHORT) about one session, with
    %(title)s, %(people)s, %(rooms)d, %(places)d, %(sessions)d and %(slot)s to fill in:
    `rooms` step-free rooms, `places` step-free room-times in the day, and `held` when the
    shortage is in one slot (the sessions held to it) rather than over the day."""
    if rooms == 0:
        return _(
            "“%(title)s” needs a step-free room for %(people)s, but there is no step-free "
            "room: mark a room as step-free or add one."
        )
    if held:
        return ngettext(
            "“%(title)s” needs a step-free room for %(people)s, but there is only "
            "%(rooms)d step-free room for %(sessions)d such sessions at %(slot)s.",
            "“%(title)s” needs a step-free room for %(people)s, but there are only "
            "%(rooms)d step-free rooms for %(sessions)d such sessions at %(slot)s.",
            rooms,
        )
    return ngettext(
        "“%(title)s” needs a step-free room for %(people)s, but the step-free rooms have "
        "only %(places)d place in the day for %(sessions)d such sessions.",
        "“%(title)s” needs a step-free room for %(people)s, but the step-free rooms have "
        "only %(places)d places in the day for %(sessions)d such sessions.",
        places,
    )


def _sentence(rule: scheduling.Rule, pinned: bool, others: int, hosts: int) -> str:
    """The words for one broken rule, with %(title)s, %(others)s, %(room)s, %(slot)s,
    %(where)s and %(hosts)s to fill in (`others` sessions and `hosts` people in them)."""
    if rule == Rule.ROOM_SLOT_SHARED and pinned:
        return ngettext(
            "“%(title)s” cannot be pinned to %(where)s: %(others)s is pinned there.",
            "“%(title)s” cannot be pinned to %(where)s: %(others)s are pinned there.",
            others,
        )
    if rule == Rule.ROOM_SLOT_SHARED:
        return ngettext(
            "“%(title)s” cannot go to %(where)s: %(others)s is there.",
            "“%(title)s” cannot go to %(where)s: %(others)s are there.",
            others,
        )
    if rule in (Rule.PINNED_ROOM, Rule.PINNED_SLOT):
        return _("“%(title)s” is pinned to %(where)s: unpin it before moving it.")
    if rule == Rule.UNAVAILABLE_SLOT:
        return _("“%(title)s” cannot go to %(slot)s: its hosts cannot make that time.")
    if rule == Rule.NOT_STEP_FREE:
        return _("“%(title)s” cannot go to %(room)s: it needs a step-free room.")
    if rule == Rule.HOST_CLASH and pinned:
        return ngettext(
            "“%(title)s” cannot be pinned to %(slot)s: %(others)s is pinned then and shares a "
            "host (%(hosts)s).",
            "“%(title)s” cannot be pinned to %(slot)s: %(others)s are pinned then and share a "
            "host (%(hosts)s).",
            others,
        )
    if rule == Rule.HOST_CLASH:
        return ngettext(
            "“%(title)s” cannot go to %(slot)s: %(hosts)s also hosts %(others)s then.",
            "“%(title)s” cannot go to %(slot)s: %(hosts)s also host %(others)s then.",
            hosts,
        )
    # Rule.PINS_UNMET, the one left.
    return _(
        "“%(title)s” cannot be pinned to %(where)s: with the other pins, no room and time is "
        "left that meets it."
    )
