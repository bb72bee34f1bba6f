"""Marking interest: idempotent by design, so a double tap or a retried request counts once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oneteam.events.models import Registration
from oneteam.programme.models import Interest, Session
from oneteam.programme.selectors import dots_used, programme_for

if TYPE_CHECKING:
    from oneteam.accounts.models import User


@dataclass(frozen=True)
class InterestState:
    """The outcome: the session and whether the user is now interested in it."""

    session: Session
    interested: bool


def interest_set(*, session: Session, user: User, interested: bool) -> InterestState:
    """Set (not toggle) whether the user is interested, so repeating a request changes nothing.

    The unique constraint on (session, user) makes a second row impossible whatever the code
    does; the insert is ON CONFLICT DO NOTHING so racing duplicates are no-ops, not errors.
    """
    event = session.event
    programme = programme_for(event=event)
    if session.status == Session.Status.MERGED:
        raise ValidationError(
            _("“%(title)s” was merged into another session: mark that one instead")
            % {"title": session.title}
        )
    if session.status != Session.Status.PITCHED:
        raise ValidationError(
            _("“%(title)s” was withdrawn, so you cannot mark interest in it")
            % {"title": session.title}
        )
    if programme.schedule_published:
        raise ValidationError(_("The schedule is published, so interests can no longer be changed"))
    with transaction.atomic():
        # Locking the member's own registration serialises their taps (so two at once cannot
        # both spend the last dot) without making different members wait for each other.
        registration = (
            Registration.objects.select_for_update()
            .filter(event=event, user=user, status=Registration.Status.CONFIRMED)
            .first()
        )
        if registration is None:
            raise ValidationError(_("Only registered attendees can mark interest"))
        mine = Interest.objects.filter(session=session, user=user)
        if not interested:
            mine.delete()
            return InterestState(session=session, interested=False)
        budget = programme.dot_budget
        over_budget = (
            budget is not None and not mine.exists() and dots_used(event=event, user=user) >= budget
        )
        if over_budget:
            raise ValidationError(
                ngettext(
                    "You have used your %(budget)d dot: remove one to mark this session",
                    "You have used all %(budget)d dots: remove one to mark this session",
                    budget,
                )
                % {"budget": budget}
            )
        Interest.objects.bulk_create([Interest(session=session, user=user)], ignore_conflicts=True)
    return InterestState(session=session, interested=True)
