"""Marking interest: idempotent by design, so a double tap or a retried request counts once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oneteam.events.models import Event, Registration
from oneteam.programme.models import EventProgramme, Interest, Session
from oneteam.programme.selectors import interest_tally, programme_for

if TYPE_CHECKING:
    from oneteam.accounts.models import User


@dataclass(frozen=True)
class InterestState:
    """The outcome, with what the member's card shows next (so the view need not ask again).

    The counts are taken under the member's lock as the change is made: other members' taps
    that land meanwhile show on the next read (the session list polls its counts).
    """

    session: Session
    interested: bool
    programme: EventProgramme
    interest_count: int
    dots_used: int


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
    if not programme.interest_open:
        raise ValidationError(_("Interest is closed: the organisers have stopped taking interest"))
    with transaction.atomic():
        # Locking the member's own registration serialises their taps (so two at once cannot
        # both spend the last dot) without making different members wait for each other. The
        # tally is read after the lock, in a statement of its own, so it sees the taps before.
        registration = (
            Registration.objects.select_for_update()
            .filter(event=event, user=user, status=Registration.Status.CONFIRMED)
            .first()
        )
        if registration is None:
            raise ValidationError(_("Only registered attendees can mark interest"))
        tally = interest_tally(session=session, user=user)
        # +1 when marking anew, -1 when removing a mark, 0 when it is already as wanted.
        change = int(interested) - tally.mine
        budget = programme.dot_budget
        if change > 0 and budget is not None and tally.dots_used >= budget:
            raise ValidationError(
                ngettext(
                    "You have used your %(budget)d dot: remove one to mark this session",
                    "You have used all %(budget)d dots: remove one to mark this session",
                    budget,
                )
                % {"budget": budget}
            )
        if change > 0:
            Interest.objects.bulk_create(
                [Interest(session=session, user=user)], ignore_conflicts=True
            )
        elif change < 0:
            Interest.objects.filter(session=session, user=user).delete()
    return InterestState(
        session=session,
        interested=interested,
        programme=programme,
        interest_count=tally.interest_count + change,
        dots_used=tally.dots_used + change,
    )


@transaction.atomic
def interest_open_set(*, event: Event, is_open: bool) -> EventProgramme:
    """Open or close marking interest for the event (a state, not a toggle: a retry is safe).

    Publishing the grid does not close it: late pitches still gather interest and rooms are
    sized by it until the organiser closes it here or in the programme settings."""
    programme, _created = EventProgramme.objects.select_for_update().get_or_create(event=event)
    if programme.interest_open != is_open:
        programme.interest_open = is_open
        programme.save(update_fields=["interest_open"])
    return programme
