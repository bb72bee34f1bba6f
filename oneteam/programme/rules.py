"""Who may do what in an event's programme: the one place these decisions are made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneteam.chapters.rules import can_manage_chapter
from oneteam.events.models import Event
from oneteam.events.selectors import is_confirmed_attendee

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneteam.accounts.models import User
    from oneteam.programme.models import Session


def is_organiser(*, user: User | AnonymousUser, event: Event) -> bool:
    """Those who manage the event's chapter (its organisers and site staff) run its programme."""
    return can_manage_chapter(user, event.chapter)


def can_view_programme(*, user: User | AnonymousUser, event: Event) -> bool:
    """Signed-in members see the sessions of published events; organisers see drafts too."""
    if user.is_authenticated and event.status == Event.Status.PUBLISHED:
        return True
    return is_organiser(user=user, event=event)


def can_take_part(*, user: User | AnonymousUser, event: Event) -> bool:
    """Only confirmed attendees pitch for themselves, host and mark interest."""
    return is_confirmed_attendee(event=event, user=user)


def can_pitch(*, user: User | AnonymousUser, event: Event) -> bool:
    """Attendees pitch their own sessions; organisers also pitch on someone's behalf."""
    return can_take_part(user=user, event=event) or is_organiser(user=user, event=event)


def can_edit_session(*, user: User | AnonymousUser, session: Session) -> bool:
    if not user.is_authenticated:
        return False
    if session.hosts.filter(pk=user.pk).exists():
        return True
    return is_organiser(user=user, event=session.event)
