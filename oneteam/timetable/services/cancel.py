"""Cancelling a session on the published grid: the host did not show.

One step for the organiser instead of adjust → take out → new draft → publish: the session is
withdrawn from the programme, a new version without it is published through the version
services (so the history stays linear and the cost is the engine's recount), and everyone who
hosts it or marked interest is told once, in the app and by email, by the publish notices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oneteam.events.models import Room, Slot
from oneteam.events.selectors import lock_event
from oneteam.programme.models import Interest, Session
from oneteam.programme.services import session_withdraw
from oneteam.timetable import rules
from oneteam.timetable.models import ScheduleVersion, SessionPin
from oneteam.timetable.selectors import current_version, version_placements
from oneteam.timetable.services.versions import PlacementMap, version_create, version_publish

if TYPE_CHECKING:
    from oneteam.accounts.models import User


@dataclass(frozen=True)
class CancelPlan:
    """What cancelling the session would do, for the confirmation page."""

    session: Session
    version: ScheduleVersion
    room: Room
    slot: Slot
    interested: int
    hosts: list[str]


def _on_the_published_grid(
    session: Session, version: ScheduleVersion | None
) -> tuple[ScheduleVersion, PlacementMap]:
    """The published grid and its placements, when `session` may be cancelled on it; else a
    ValidationError saying why."""
    title = {"title": session.title}
    if session.status == Session.Status.WITHDRAWN:
        raise ValidationError(
            _("“%(title)s” is already cancelled or withdrawn: nothing has changed.") % title
        )
    if session.status != Session.Status.PITCHED:
        raise ValidationError(
            _("“%(title)s” was merged into another session, so it cannot be cancelled.") % title
        )
    if version is None:
        raise ValidationError(
            _("No grid is published yet, so “%(title)s” is not on it: withdraw the pitch instead.")
            % title
        )
    placements = version_placements(version=version)
    if session.pk not in placements:
        raise ValidationError(
            _("“%(title)s” is not on the published grid, so there is nothing to cancel there.")
            % title
        )
    return version, placements


def cancel_plan(*, session: Session) -> CancelPlan:
    """What cancelling would do; raises ValidationError (in words) when it may not be done."""
    version, _placements = _on_the_published_grid(session, current_version(event=session.event))
    placement = version.placements.select_related("room", "slot").get(session=session)
    return CancelPlan(
        session=session,
        version=version,
        room=placement.room,
        slot=placement.slot,
        interested=Interest.objects.filter(session=session).count(),
        hosts=session.host_names,
    )


@transaction.atomic
def session_cancel(*, session: Session, by: User) -> ScheduleVersion:
    """Cancel a session on the published grid: withdraw it, publish a new version without it,
    and tell its hosts and everyone interested (once). Returns the new published version.

    Refused, in words and with nothing changed, for someone who does not organise the event, a
    session not on the published grid, and a session already cancelled."""
    event = lock_event(session.event_id)
    if not rules.can_organise_grid(user=by, event=event):
        raise ValidationError(
            _("Only the organisers of %(event)s can cancel a session.") % {"event": event.title}
        )
    session = Session.objects.select_for_update().get(pk=session.pk)
    session.event = event
    published, placements = _on_the_published_grid(session, current_version(event=event))
    del placements[session.pk]
    session_withdraw(session=session)
    # A pin keeps its room and time for its session: a cancelled session keeps nothing.
    SessionPin.objects.filter(session=session).delete()
    version = version_create(
        event=event,
        placements=placements,
        origin=ScheduleVersion.Origin.CANCELLED,
        created_by=by,
        based_on=published,
    )
    # Publishing tells hosts and the interested of every session that left the grid.
    return version_publish(version=version, by=by)
