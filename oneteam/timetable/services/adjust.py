"""Adjusting a grid by hand: move, swap, place or take out a session, seeing the cost first.

`adjust_preview` counts the change with the engine (`scheduling.evaluate` and `violations` on the
adapter's problem, exactly as `version_recost` does), so the numbers an organiser sees before
saving are the numbers stored after. `adjust_apply` saves through
`versions.version_replace_placements`; a published version is never changed: the change goes to
a new draft copy of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oneteam import scheduling
from oneteam.events.models import Room, Slot
from oneteam.programme.models import Session
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import ScheduleVersion, SessionPin
from oneteam.timetable.selectors import current_version, version_placements
from oneteam.timetable.services.pins import slot_name, where
from oneteam.timetable.services.versions import (
    PlacementMap,
    humanise,
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
    """What a change would do: the cost before and after, and the hard rules it would break."""

    change: Change
    before: dict[str, float | int]
    after: dict[str, float | int]
    refusals: list[str] = field(default_factory=list)
    placements: PlacementMap = field(default_factory=dict)
    # Set when a move is refused because the cell is taken: the organiser may swap instead.
    occupant: Session | None = None

    @property
    def allowed(self) -> bool:
        return not self.refusals

    @property
    def difference(self) -> dict[str, float | int]:
        return {c: self.after.get(c, 0) - self.before.get(c, 0) for c in COMPONENTS}

    def rows(self) -> list[dict[str, object]]:
        """One row per cost component, for the page: label, before, after, difference."""
        labels = {
            "clashes": _("Interests lost to clashes"),
            "overflow": _("People over room capacity"),
            "moves": _("Published sessions moved"),
            "unscheduled": _("Sessions not in the grid"),
            "total": _("Total cost"),
        }
        order = ("clashes", "overflow", "moves", "unscheduled", "total")
        return [
            {
                "key": c,
                "label": labels[c],
                "before": self.before.get(c, 0),
                "after": self.after.get(c, 0),
                "difference": self.difference[c],
            }
            for c in order
        ]


def _new_placements(
    placements: PlacementMap, change: Change, refusals: list[str]
) -> tuple[PlacementMap, Session | None]:
    """The grid after the change (or unchanged, with a refusal), and the occupant of a taken
    cell when a move is refused because of it."""
    session = change.session
    after = dict(placements)
    if change.action == Change.UNPLACE:
        if session.pk not in placements:
            refusals.append(_("“%(title)s” is not in the grid.") % {"title": session.title})
        after.pop(session.pk, None)
        return after, None
    if change.action == Change.SWAP:
        other = change.other
        if other is None or other.pk == session.pk:
            refusals.append(
                _("Choose another session to swap “%(title)s” with.") % {"title": session.title}
            )
            return after, None
        mine, theirs = placements.get(session.pk), placements.get(other.pk)
        if mine is None and theirs is None:
            refusals.append(
                _(
                    "Neither “%(title)s” nor “%(other)s” is in the grid, so there is nothing "
                    "to swap."
                )
                % {"title": session.title, "other": other.title}
            )
            return after, None
        for pk, place in ((session.pk, theirs), (other.pk, mine)):
            if place is None:
                after.pop(pk, None)
            else:
                after[pk] = place
        return after, None
    if change.room is None or change.slot is None:
        refusals.append(_("Choose a room and a time for “%(title)s”.") % {"title": session.title})
        return after, None
    target = (change.room.pk, change.slot.pk)
    occupant_pk = next((s for s, p in placements.items() if p == target and s != session.pk), None)
    if occupant_pk is not None:
        occupant = Session.objects.get(pk=occupant_pk)
        refusals.append(
            _(
                "“%(title)s” cannot go to %(where)s: “%(other)s” is there. Swap “%(title)s” "
                "with “%(other)s”, or choose a free room and time."
            )
            % {
                "title": session.title,
                "other": occupant.title,
                "where": where(room=change.room, slot=change.slot),
            }
        )
        return after, occupant
    after[session.pk] = target
    return after, None


def _rule_refusals(*, event_id: int, before: PlacementMap, after: PlacementMap) -> list[str]:
    """Hard rules the sessions the change moves would break where they land, in words."""
    refusals: list[str] = []
    moved = [s for s, p in after.items() if before.get(s) != p]
    removed = [s for s in before if s not in after]
    sessions = {
        s.pk: s
        for s in Session.objects.filter(pk__in=[*moved, *removed, *after]).prefetch_related(
            "hosts__profile", "unavailable_slots"
        )
    }
    rooms = {r.pk: r for r in Room.objects.filter(event_id=event_id)}
    slots = {t.pk: t for t in Slot.objects.filter(event_id=event_id).select_related("event")}
    pins = {p.session_id: p for p in SessionPin.objects.filter(session_id__in=[*moved, *removed])}
    # Room-slots kept for a pinned session that is somewhere else (or not placed) now.
    kept = {
        (p.room_id, p.slot_id): p
        for p in SessionPin.objects.filter(
            session__event_id=event_id, room__isnull=False, slot__isnull=False
        ).select_related("session")
    }
    for pk in removed:
        if pk in pins:
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
        if session.needs_step_free and not room.step_free:
            refusals.append(
                _("“%(title)s” cannot go to %(room)s: it needs a step-free room.")
                % {"title": title, "room": room.name}
            )
        if any(t.pk == slot.pk for t in session.unavailable_slots.all()):
            refusals.append(
                _("“%(title)s” cannot go to %(slot)s: its hosts cannot make that time.")
                % {"title": title, "slot": slot_name(slot)}
            )
        pin = pins.get(pk)
        if pin is not None and (
            (pin.room_id is not None and pin.room_id != room.pk)
            or (pin.slot_id is not None and pin.slot_id != slot.pk)
        ):
            refusals.append(
                _("“%(title)s” is pinned to %(where)s: unpin it before moving it.")
                % {"title": title, "where": where(room=pin.room, slot=pin.slot)}
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
        hosts = {h.pk: h for h in session.hosts.all()}
        for other_pk, (_room, other_slot) in sorted(after.items()):
            if other_pk == pk or other_slot != slot.pk or other_pk not in sessions:
                continue
            other = sessions[other_pk]
            shared = [str(h) for h in other.hosts.all() if h.pk in hosts]
            # Each pair once, when both moved.
            if shared and not (other_pk in moved and other_pk < pk):
                refusals.append(
                    _("“%(title)s” cannot go to %(slot)s: %(hosts)s also hosts “%(other)s” then.")
                    % {
                        "title": title,
                        "slot": slot_name(slot),
                        "hosts": ", ".join(shared),
                        "other": other.title,
                    }
                )
    return refusals


def adjust_preview(*, version: ScheduleVersion, change: Change) -> Effect:
    """The change's effect on the cost, counted as `version_recost` will count it once saved."""
    event = version.event
    before = version_placements(version=version)
    refusals: list[str] = []
    after, occupant = _new_placements(before, change, refusals)
    if not refusals:
        refusals = _rule_refusals(event_id=event.pk, before=before, after=after)
    # A published version's change is saved on a copy, which counts moves against the grid
    # published now: so the preview does too (a draft is never the published one).
    published = current_version(event=event)
    previous = version_placements(version=published) if published is not None else {}
    try:
        built = adapter.event_problem(event=event, previous=previous or None)
    except scheduling.ProblemError as error:
        names = adapter.names_of(adapter.problem_document(event=event))
        return Effect(change, {}, {}, [humanise(m, names) for m in error.messages], after, occupant)
    old, new = adapter.assignments_for(built, before), adapter.assignments_for(built, after)
    if not refusals:
        # Anything else the engine finds that was not broken before (a safety net: the checks
        # above name each rule in the organiser's words).
        known = set(scheduling.violations(built.problem, old))
        names = adapter.names_of(built.document)
        refusals = [
            humanise(m, names) for m in scheduling.violations(built.problem, new) if m not in known
        ]
    return Effect(
        change=change,
        before=scheduling.evaluate(built.problem, old).to_json(),
        after=scheduling.evaluate(built.problem, new).to_json(),
        refusals=refusals,
        placements=after,
        occupant=occupant,
    )


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
