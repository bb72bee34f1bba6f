"""What a grid costs people, in words: the one place a grid's cost is put into sentences.

The engine counts a cost as weighted numbers (shared/spec/scheduling.md: clashes, overflow,
moves, unscheduled, and a total that mixes them with weights). Those numbers mean nothing in the
room, so organisers are shown sentences instead: who loses a session they wanted, who does not
fit which room, which published sessions change time or only room, what is left out. A
comparison says what a change does for people ("2 more people lose a session they wanted"),
never "4 → 1012".

`breakdown` counts a grid with the engine through the bridge (the same counting rules as the
stored cost), splitting the engine's moves into a change of time and a harmless change of room
at the same time; `breakdown_of_counts` reads a version's stored cost when only the totals are
at hand (the versions list, a finished build).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oneteam.timetable import problem as adapter
from oneteam.timetable.selectors import current_version, version_placements

if TYPE_CHECKING:
    from oneteam.timetable.models import ScheduleVersion

PlacementMap = adapter.PlacementMap


@dataclass(frozen=True)
class Breakdown:
    """A grid's cost as people feel it."""

    # Interests lost to clashes: someone wants two sessions placed at the same time.
    clashes: int = 0
    # (room name, people over its capacity), in the grid's room order; the name is empty when
    # only the event-wide total is known.
    over_capacity: tuple[tuple[str, int], ...] = ()
    # Published sessions placed at another time.
    moved: int = 0
    # Published sessions in another room at the same time: harmless to attendees.
    room_changes: int = 0
    # Published sessions that changed place, room or time not known (stored totals only).
    changed_place: int = 0
    # Sessions the grid should place but leaves out.
    unscheduled: int = 0


def _count(cost: Mapping[str, float | int], name: str) -> int:
    value = cost.get(name) or 0
    return round(value)


def breakdown_of_counts(cost: Mapping[str, float | int]) -> Breakdown:
    """A stored cost (the spec's JSON form) as a breakdown: totals only, no rooms named."""
    overflow = _count(cost, "overflow")
    return Breakdown(
        clashes=_count(cost, "clashes"),
        over_capacity=(("", overflow),) if overflow else (),
        changed_place=_count(cost, "moves"),
        unscheduled=_count(cost, "unscheduled"),
    )


def breakdown(
    *, built: adapter.EventProblem, placements: PlacementMap, previous: PlacementMap | None = None
) -> Breakdown:
    """The grid `placements` counted by the engine, with moves against `previous` (the
    published grid) split into changes of time and changes of room at the same time."""
    cost = adapter.cost_of(built, placements)
    rooms = [(room["id"], room["name"]) for room in built.document["rooms"]]
    schedulable = {adapter.pk_of(s["id"]) for s in built.document["sessions"]}
    placed = {pk: place for pk, place in placements.items() if pk in schedulable}
    over: dict[str, int] = {}
    for hurt in adapter.worst_sessions(built, placed, limit=len(placed)):
        if hurt.overflow:
            room_pk = placed[adapter.pk_of(hurt.session)][0]
            room = adapter.key(adapter.ROOM, room_pk)
            over[room] = over.get(room, 0) + hurt.overflow
    moved = room_changes = 0
    for pk, (room_before, slot_before) in (previous or {}).items():
        now = placed.get(pk)
        if pk not in schedulable or now is None or now == (room_before, slot_before):
            continue  # a session left out is told as not in the grid
        if now[1] == slot_before:
            room_changes += 1
        else:
            moved += 1
    return Breakdown(
        clashes=_count(cost, "clashes"),
        over_capacity=tuple((name, over[ident]) for ident, name in rooms if over.get(ident)),
        moved=moved,
        room_changes=room_changes,
        unscheduled=_count(cost, "unscheduled"),
    )


def version_breakdown(*, version: ScheduleVersion) -> Breakdown:
    """The version counted now, with moves against the published grid (none for the published
    one); its stored totals when the event's data no longer makes a problem to count."""
    event = version.event
    published = current_version(event=event)
    previous = None
    if published is not None and published.pk != version.pk:
        previous = version_placements(version=published)
    try:
        built = adapter.event_problem(event=event)
    except adapter.InvalidProblem:
        return breakdown_of_counts(version.cost)
    return breakdown(built=built, placements=version_placements(version=version), previous=previous)


def proven_best(version: ScheduleVersion) -> bool:
    """Whether the scheduler proved that no grid does better for people than this one."""
    total = version.cost.get("total")
    return (
        version.lower_bound is not None
        and total is not None
        and total <= version.lower_bound + 1e-9
    )


def _clashes(n: int) -> str:
    if n == 0:
        return _("No one loses a session they wanted")
    return ngettext(
        "%(n)d person loses a session they wanted", "%(n)d people lose a session they wanted", n
    ) % {"n": n}


def _over(room: str, n: int) -> str:
    if not room:
        return ngettext("%(n)d person over room capacity", "%(n)d people over room capacity", n) % {
            "n": n
        }
    return ngettext(
        "%(n)d person over capacity in %(room)s", "%(n)d people over capacity in %(room)s", n
    ) % {"n": n, "room": room}


def describe(cost: Breakdown) -> list[str]:
    """The grid in sentences: always whether anyone loses a session, then whatever else
    applies ("2 people over capacity in Attic", "1 session moved to another time")."""
    lines = [_clashes(cost.clashes)]
    lines += [_over(room, n) for room, n in cost.over_capacity]
    if cost.moved:
        lines.append(
            ngettext(
                "%(n)d session moved to another time",
                "%(n)d sessions moved to another time",
                cost.moved,
            )
            % {"n": cost.moved}
        )
    if cost.room_changes:
        lines.append(
            ngettext(
                "%(n)d session changes room (same time)",
                "%(n)d sessions change room (same time)",
                cost.room_changes,
            )
            % {"n": cost.room_changes}
        )
    if cost.changed_place:
        lines.append(
            ngettext(
                "%(n)d published session changes room or time",
                "%(n)d published sessions change room or time",
                cost.changed_place,
            )
            % {"n": cost.changed_place}
        )
    if cost.unscheduled:
        lines.append(
            ngettext(
                "%(n)d session not in the grid", "%(n)d sessions not in the grid", cost.unscheduled
            )
            % {"n": cost.unscheduled}
        )
    return lines


def summary(cost: Breakdown) -> str:
    """`describe` as one line of text (a table cell, a message)."""
    return "; ".join(describe(cost)) + "."


Wording = Callable[[int], str]


def _either(difference: int, more: Wording, fewer: Wording, room: str = "") -> str:
    """`more` or `fewer` worded for the size of the difference (each a literal ngettext, so the
    sentences can be translated)."""
    n = abs(difference)
    return (more if difference > 0 else fewer)(n) % {"n": n, "room": room}


def describe_change(before: Breakdown, after: Breakdown) -> list[str]:
    """What going from `before` to `after` does for people, one sentence per thing that
    changes ("2 more people lose a session they wanted", "1 session changes room (same
    time)"); "No change for anyone" when nothing does."""
    lines: list[str] = []
    if after.clashes != before.clashes:
        lines.append(
            _either(
                after.clashes - before.clashes,
                lambda n: ngettext(
                    "%(n)d more person loses a session they wanted",
                    "%(n)d more people lose a session they wanted",
                    n,
                ),
                lambda n: ngettext(
                    "%(n)d fewer person loses a session they wanted",
                    "%(n)d fewer people lose a session they wanted",
                    n,
                ),
            )
        )
    was, now = dict(before.over_capacity), dict(after.over_capacity)
    for room in dict.fromkeys([*now, *was]):
        difference = now.get(room, 0) - was.get(room, 0)
        if not difference:
            continue
        if room:
            line = _either(
                difference,
                lambda n: ngettext(
                    "%(n)d more person over capacity in %(room)s",
                    "%(n)d more people over capacity in %(room)s",
                    n,
                ),
                lambda n: ngettext(
                    "%(n)d fewer person over capacity in %(room)s",
                    "%(n)d fewer people over capacity in %(room)s",
                    n,
                ),
                room=room,
            )
            lines.append(line)
        else:
            lines.append(
                _either(
                    difference,
                    lambda n: ngettext(
                        "%(n)d more person over room capacity",
                        "%(n)d more people over room capacity",
                        n,
                    ),
                    lambda n: ngettext(
                        "%(n)d fewer person over room capacity",
                        "%(n)d fewer people over room capacity",
                        n,
                    ),
                )
            )
    if after.moved != before.moved:
        lines.append(
            _either(
                after.moved - before.moved,
                lambda n: ngettext(
                    "%(n)d session moves to another time",
                    "%(n)d sessions move to another time",
                    n,
                ),
                lambda n: ngettext(
                    "%(n)d session goes back to its published time",
                    "%(n)d sessions go back to their published times",
                    n,
                ),
            )
        )
    if after.room_changes != before.room_changes:
        lines.append(
            _either(
                after.room_changes - before.room_changes,
                lambda n: ngettext(
                    "%(n)d session changes room (same time)",
                    "%(n)d sessions change room (same time)",
                    n,
                ),
                lambda n: ngettext(
                    "%(n)d session goes back to its published room",
                    "%(n)d sessions go back to their published rooms",
                    n,
                ),
            )
        )
    if after.changed_place != before.changed_place:
        lines.append(
            _either(
                after.changed_place - before.changed_place,
                lambda n: ngettext(
                    "%(n)d more published session changes room or time",
                    "%(n)d more published sessions change room or time",
                    n,
                ),
                lambda n: ngettext(
                    "%(n)d published session goes back to its place",
                    "%(n)d published sessions go back to their places",
                    n,
                ),
            )
        )
    if after.unscheduled != before.unscheduled:
        lines.append(
            _either(
                after.unscheduled - before.unscheduled,
                lambda n: ngettext(
                    "%(n)d session leaves the grid", "%(n)d sessions leave the grid", n
                ),
                lambda n: ngettext(
                    "%(n)d more session is in the grid", "%(n)d more sessions are in the grid", n
                ),
            )
        )
    return lines or [_("No change for anyone")]
