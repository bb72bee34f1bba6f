"""Adjusting a grid by hand: move, swap, place or take out a session, seeing the cost first.

`adjust_preview` counts the change with the engine through the bridge (`cost_of` and
`broken_rules` on the event's problem, exactly as `version_recost` does), so the cost counted
before saving is the cost stored after; the organiser sees it in words (`timetable/costs.py`:
what the change does for people), and the hard rules a change breaks are the engine's findings
in the bridge's words. `adjust_apply` saves through
`versions.version_replace_placements`; a published version is never changed: the change goes to
a new draft copy of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oneteam.events.models import Room, Slot
from oneteam.programme.models import Session
from oneteam.timetable import costs
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import ScheduleVersion, SessionPin
from oneteam.timetable.selectors import current_version, version_placements
from oneteam.timetable.services.pins import slot_name, where
from oneteam.timetable.services.versions import (
    PlacementMap,
    version_copy,
    version_replace_placements,
)

if TYPE_CHECKING:
    from oneteam.accounts.models import User

COMPONENTS = ("total", "clashes", "overflow", "moves", "unscheduled")


@dataclass(frozen=True)
class Change:
    """One adjustment. `move` places `session` in (room, slot) (also for an unplaced session);
    `swap` exchanges the places of `session` and `other`; `unplace` takes `session` out."""

    MOVE = "move"
    SWAP = "swap"
    UNPLACE = "unplace"

    action: str
    session: Session
    room: Room | None = None
    slot: Slot | None = None
    other: Session | None = None

    def describe(self) -> str:
        title = self.session.title
        if self.action == self.SWAP and self.other is not None:
            return _("Swap “%(title)s” with “%(other)s”") % {
                "title": title,
                "other": self.other.title,
            }
        if self.action == self.UNPLACE:
            return _("Take “%(title)s” out of the grid") % {"title": title}
        return _("Move “%(title)s” to %(where)s") % {
            "title": title,
            "where": where(room=self.room, slot=self.slot),
        }


@dataclass
class Effect:
    """What a change would do: the cost before and after (the engine's counts, and the same in
    people's terms), and the hard rules it would break."""

    change: Change
    before: dict[str, float | int]
    after: dict[str, float | int]
    refusals: list[str] = field(default_factory=list)
    placements: PlacementMap = field(default_factory=dict)
    # Set when a move is refused because the cell is taken: the organiser may swap instead.
    occupant: Session | None = None
    before_cost: costs.Breakdown = field(default_factory=costs.Breakdown)
    after_cost: costs.Breakdown = field(default_factory=costs.Breakdown)

    @property
    def allowed(self) -> bool:
        return not self.refusals

    @property
    def difference(self) -> dict[str, float | int]:
        return {c: self.after.get(c, 0) - self.before.get(c, 0) for c in COMPONENTS}

    @property
    def for_people(self) -> list[str]:
        """What the change does for people, in sentences (never the engine's numbers)."""
        return costs.describe_change(self.before_cost, self.after_cost)


def _new_placements(placements: PlacementMap, change: Change, refusals: list[str]) -> PlacementMap:
    """The grid after the change (or unchanged, with a refusal). A move into a taken cell is
    made: the engine finds two sessions in one room and time, and `adjust_preview` offers the
    swap."""
    session = change.session
    after = dict(placements)
    if change.action == Change.UNPLACE:
        if session.pk not in placements:
            refusals.append(_("“%(title)s” is not in the grid.") % {"title": session.title})
        after.pop(session.pk, None)
        return after
    if change.action == Change.SWAP:
        other = change.other
        if other is None or other.pk == session.pk:
            refusals.append(
                _("Choose another session to swap “%(title)s” with.") % {"title": session.title}
            )
            return after
        mine, theirs = placements.get(session.pk), placements.get(other.pk)
        if mine is None and theirs is None:
            refusals.append(
                _(
                    "Neither “%(title)s” nor “%(other)s” is in the grid, so there is nothing "
                    "to swap."
                )
                % {"title": session.title, "other": other.title}
            )
            return after
        for pk, place in ((session.pk, theirs), (other.pk, mine)):
            if place is None:
                after.pop(pk, None)
            else:
                after[pk] = place
        return after
    if change.room is None or change.slot is None:
        refusals.append(_("Choose a room and a time for “%(title)s”.") % {"title": session.title})
        return after
    after[session.pk] = (change.room.pk, change.slot.pk)
    return after


def _event_refusals(*, event_id: int, before: PlacementMap, after: PlacementMap) -> list[str]:
    """What the change breaks that the engine does not know of: rooms and times of the event
    for sessions, a pinned session kept in the grid and the cells kept for pins. (The hard
    rules are the engine's to find: see `adjust_preview`.)"""
    refusals: list[str] = []
    moved = [s for s, p in after.items() if before.get(s) != p]
    removed = [s for s in before if s not in after]
    sessions = {s.pk: s for s in Session.objects.filter(pk__in=[*moved, *removed])}
    rooms = {r.pk: r for r in Room.objects.filter(event_id=event_id)}
    slots = {t.pk: t for t in Slot.objects.filter(event_id=event_id).select_related("event")}
    pinned = set(
        SessionPin.objects.filter(session_id__in=removed).values_list("session_id", flat=True)
    )
    # Room-slots kept for a pinned session that is somewhere else (or not placed) now.
    kept = {
        (p.room_id, p.slot_id): p
        for p in SessionPin.objects.filter(
            session__event_id=event_id, room__isnull=False, slot__isnull=False
        ).select_related("session")
    }
    for pk in removed:
        if pk in pinned:
            refusals.append(
                _("“%(title)s” is pinned: unpin it before taking it out of the grid.")
                % {"title": sessions[pk].title}
            )
    for pk in moved:
        session = sessions[pk]
        room_pk, slot_pk = after[pk]
        room, slot = rooms.get(room_pk), slots.get(slot_pk)
        title = session.title
        if room is None or slot is None:
            refusals.append(
                _("“%(title)s” cannot go to a room or time of another event.") % {"title": title}
            )
            continue
        if session.event_id != event_id or session.status != Session.Status.PITCHED:
            refusals.append(_("“%(title)s” is not in this event's programme.") % {"title": title})
            continue
        if slot.kind != Slot.Kind.SESSIONS:
            refusals.append(
                _("“%(title)s” cannot go to %(slot)s: it is not a time for sessions.")
                % {"title": title, "slot": slot_name(slot)}
            )
        keeper = kept.get((room.pk, slot.pk))
        if keeper is not None and keeper.session_id != pk:
            refusals.append(
                _("“%(title)s” cannot go to %(where)s: it is kept for “%(other)s”, pinned there.")
                % {
                    "title": title,
                    "where": where(room=room, slot=slot),
                    "other": keeper.session.title,
                }
            )
    return refusals


def adjust_preview(*, version: ScheduleVersion, change: Change) -> Effect:
    """The change's effect on the cost, counted as `version_recost` will count it once saved."""
    event = version.event
    before = version_placements(version=version)
    refusals: list[str] = []
    after = _new_placements(before, change, refusals)
    if not refusals:
        refusals = _event_refusals(event_id=event.pk, before=before, after=after)
    # A published version's change is saved on a copy, which counts moves against the grid
    # published now: so the preview does too (a draft is never the published one).
    published = current_version(event=event)
    previous = version_placements(version=published) if published is not None else {}
    try:
        built = adapter.event_problem(event=event, previous=previous or None)
    except adapter.InvalidProblem as error:
        return Effect(change, {}, {}, error.refusals, after)
    occupant: Session | None = None
    if not refusals:
        # The hard rules the change breaks that were not broken before, told from the
        # sessions it moves.
        known = set(adapter.broken_rules(built, before))
        broken = [v for v in adapter.broken_rules(built, after) if v not in known]
        about = [change.session.pk] + ([change.other.pk] if change.other is not None else [])
        refusals = adapter.describe(broken, document=built.document, about=about)
        occupant = _occupant(change, broken, built.document, refusals)
    return Effect(
        change=change,
        before=adapter.cost_of(built, before),
        after=adapter.cost_of(built, after),
        refusals=refusals,
        placements=after,
        occupant=occupant,
        before_cost=costs.breakdown(built=built, placements=before, previous=previous),
        after_cost=costs.breakdown(built=built, placements=after, previous=previous),
    )


def _occupant(
    change: Change,
    broken: list[adapter.Violation],
    document: dict[str, object],
    refusals: list[str],
) -> Session | None:
    """The session already in the cell a move is refused for, if that is a refusal: the
    organiser may swap with it instead, so that cell's line in `refusals` offers it."""
    if change.action != Change.MOVE:
        return None
    mine = adapter.key(adapter.SESSION, change.session.pk)
    taken = next(
        (v for v in broken if v.rule == adapter.Rule.ROOM_SLOT_SHARED and mine in v.sessions),
        None,
    )
    if taken is None:
        return None
    other_pk = next(adapter.pk_of(s) for s in taken.sessions if s != mine)
    occupant = Session.objects.get(pk=other_pk)
    [line] = adapter.describe([taken], document=document, about=[change.session.pk])
    offer = _("Swap “%(title)s” with “%(other)s”, or choose a free room and time.") % {
        "title": change.session.title,
        "other": occupant.title,
    }
    refusals[:] = [f"{r} {offer}" if r == line else r for r in refusals]
    return occupant


@transaction.atomic
def adjust_apply(*, version: ScheduleVersion, change: Change, by: User | None) -> ScheduleVersion:
    """Save the change and return the draft holding it: `version` itself when it is a draft,
    else a new draft copy (the published version is untouched). Refusals raise ValidationError."""
    version = ScheduleVersion.objects.select_for_update().select_related("event").get(pk=version.pk)
    effect = adjust_preview(version=version, change=change)
    if effect.refusals:
        raise ValidationError(effect.refusals)
    if not version.is_draft:
        version = version_copy(
            version=version, origin=ScheduleVersion.Origin.ADJUSTED, created_by=by
        )
    return version_replace_placements(version=version, placements=effect.placements)
