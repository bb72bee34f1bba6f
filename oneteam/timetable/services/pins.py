"""Pins: an organiser fixes a session's room and/or slot, and every later build keeps it.

A pin that breaks a hard rule is refused here, with a message naming the sessions involved,
rather than later by the engine (which would reject the whole problem as invalid input): the
engine checks the pin tried in place, and the bridge puts what it finds into words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oneteam.events.models import Room, Slot
from oneteam.programme.models import Session
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import SessionPin

if TYPE_CHECKING:
    from oneteam.accounts.models import User


def slot_name(slot: Slot) -> str:
    """A slot's label, else its start in its event's time zone, wherever the message is made
    (a page, a worker or a command)."""
    return adapter.slot_label(slot, event=slot.event)


def where(*, room: Room | None, slot: Slot | None) -> str:
    """“Hall at 10:00”, “Hall” or “10:00”: how a pin or a cell reads in a message."""
    return adapter.place_name(
        room.name if room is not None else None, slot_name(slot) if slot is not None else None
    )


def pin_refusals(*, session: Session, room: Room | None, slot: Slot | None) -> list[str]:
    """Why `session` may not be pinned there (empty when it may), naming the sessions."""
    title = session.title
    if room is None and slot is None:
        return [_("Choose a room, a time or both to pin “%(title)s” to.") % {"title": title}]
    refusals: list[str] = []
    if session.status != Session.Status.PITCHED:
        refusals.append(
            _("“%(title)s” is not in the programme, so it cannot be pinned.") % {"title": title}
        )
    if room is not None and room.event_id != session.event_id:
        refusals.append(
            _("“%(title)s” cannot go to %(room)s: it is a room of another event.")
            % {"title": title, "room": room.name}
        )
    if slot is not None and slot.event_id != session.event_id:
        refusals.append(
            _("“%(title)s” cannot go to %(slot)s: it is a time of another event.")
            % {"title": title, "slot": slot_name(slot)}
        )
    elif slot is not None and slot.kind != Slot.Kind.SESSIONS:
        refusals.append(
            _("“%(title)s” cannot go to %(slot)s: it is not a time for sessions.")
            % {"title": title, "slot": slot_name(slot)}
        )
    if refusals:
        return refusals
    # The hard rules (its hosts' times, step-free access, other pins): the engine's check of
    # the event with this pin in place.
    tried = adapter.Pin(
        session.pk, room.pk if room is not None else None, slot.pk if slot is not None else None
    )
    try:
        adapter.event_problem(event=session.event, pin=tried)
    except adapter.InvalidProblem as error:
        return error.refusals
    return []


@transaction.atomic
def pin_set(
    *, session: Session, room: Room | None = None, slot: Slot | None = None, by: User | None
) -> SessionPin:
    """Pin `session` to `room` and/or `slot` (replacing its pin, if any)."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    refusals = pin_refusals(session=session, room=room, slot=slot)
    if refusals:
        raise ValidationError(refusals)
    pin, _created = SessionPin.objects.update_or_create(
        session=session, defaults={"room": room, "slot": slot, "created_by": by}
    )
    # The engine's check of what is stored now is the last word (a pin saved meanwhile): a pin
    # it rejects raises `InvalidProblem`, a ValidationError, and rolls back.
    adapter.event_problem(event=session.event, about=session.pk)
    return pin


@transaction.atomic
def pin_clear(*, session: Session) -> None:
    SessionPin.objects.filter(session=session).delete()
