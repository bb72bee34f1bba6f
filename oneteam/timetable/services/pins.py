"""Pins: an organiser fixes a session's room and/or slot, and every later build keeps it.

A pin that breaks a hard rule is refused here, with a message naming the sessions involved,
rather than later by the engine (which would reject the whole problem as invalid input).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oneteam import scheduling
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
    if room is not None and slot is not None:
        return _("%(room)s at %(slot)s") % {"room": room.name, "slot": slot_name(slot)}
    return room.name if room is not None else slot_name(slot) if slot is not None else ""


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
    if slot is not None:
        if slot.event_id != session.event_id:
            refusals.append(
                _("“%(title)s” cannot go to %(slot)s: it is a time of another event.")
                % {"title": title, "slot": slot_name(slot)}
            )
        elif slot.kind != Slot.Kind.SESSIONS:
            refusals.append(
                _("“%(title)s” cannot go to %(slot)s: it is not a time for sessions.")
                % {"title": title, "slot": slot_name(slot)}
            )
        elif session.unavailable_slots.filter(pk=slot.pk).exists():
            refusals.append(
                _("“%(title)s” cannot go to %(slot)s: its hosts cannot make that time.")
                % {"title": title, "slot": slot_name(slot)}
            )
    if room is not None and session.needs_step_free and not room.step_free:
        refusals.append(
            _("“%(title)s” cannot go to %(room)s: it needs a step-free room.")
            % {"title": title, "room": room.name}
        )
    if refusals:
        return refusals
    others = SessionPin.objects.filter(session__event_id=session.event_id).exclude(session=session)
    if room is not None and slot is not None:
        taken = others.filter(room=room, slot=slot).select_related("session").first()
        if taken is not None:
            refusals.append(
                _("“%(title)s” cannot be pinned to %(where)s: “%(other)s” is pinned there.")
                % {
                    "title": title,
                    "where": where(room=room, slot=slot),
                    "other": taken.session.title,
                }
            )
    if slot is not None:
        hosts = set(session.hosts.values_list("pk", flat=True))
        same_time = others.filter(slot=slot, session__hosts__in=hosts).distinct()
        for pin in same_time.select_related("session").order_by("session__title"):
            shared = pin.session.hosts.filter(pk__in=hosts).select_related("profile")
            refusals.append(
                _(
                    "“%(title)s” cannot be pinned to %(slot)s: “%(other)s” is pinned then and "
                    "shares a host (%(hosts)s)."
                )
                % {
                    "title": title,
                    "slot": slot_name(slot),
                    "other": pin.session.title,
                    "hosts": ", ".join(str(h) for h in shared),
                }
            )
    return refusals


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
    # The engine's own input check is the last word: a pin it would reject rolls back.
    try:
        adapter.event_problem(event=session.event)
    except scheduling.ProblemError as error:
        from oneteam.timetable.services.versions import humanise

        names = adapter.names_of(adapter.problem_document(event=session.event))
        raise ValidationError([humanise(m, names) for m in error.messages]) from error
    return pin


@transaction.atomic
def pin_clear(*, session: Session) -> None:
    SessionPin.objects.filter(session=session).delete()
