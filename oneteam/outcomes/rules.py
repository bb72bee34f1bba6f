"""Who may do what with an event's outcomes, and what a viewer may see of people's names.

Every privacy decision about names is made by `shows_names`; pages, feeds, exports and live
events all ask it, so a session's mode means the same on every surface.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneteam.chapters.rules import can_manage_chapter
from oneteam.events.models import Event, PrivacyMode
from oneteam.events.selectors import is_confirmed_attendee

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneteam.accounts.models import User
    from oneteam.programme.models import Session

    Viewer = User | AnonymousUser | None


def is_organiser(*, user: Viewer, event: Event) -> bool:
    return user is not None and can_manage_chapter(user, event.chapter)


def can_view_outcomes(*, user: Viewer, event: Event) -> bool:
    """One Team works in the open: a published event's outcomes are public."""
    return event.status == Event.Status.PUBLISHED or is_organiser(user=user, event=event)


def is_host(*, user: Viewer, session: Session) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return any(host.pk == user.pk for host in session.hosts.all())


def can_take_part(*, user: Viewer, event: Event) -> bool:
    """Registered (confirmed) attendees write notes, commit to actions and give feedback."""
    return user is not None and is_confirmed_attendee(event=event, user=user)


def can_edit_notes(*, user: Viewer, session: Session) -> bool:
    """The session's hosts and the event's attendees; nobody when it is off the record."""
    if session.privacy == PrivacyMode.OFF_THE_RECORD:
        return False
    return is_host(user=user, session=session) or can_take_part(user=user, event=session.event)


def can_write_summary(*, user: Viewer, session: Session) -> bool:
    """Off the record, a host writes the short "wider learning" summary."""
    return is_host(user=user, session=session)


def can_change_privacy(*, user: Viewer, session: Session) -> bool:
    return is_host(user=user, session=session) or is_organiser(user=user, event=session.event)


def shows_notes(session: Session) -> bool:
    """Off the record there are no notes at all (stored ones stay, unseen, until it is lifted)."""
    return session.privacy != PrivacyMode.OFF_THE_RECORD


def shows_names(*, user: Viewer, session: Session, organiser: bool | None = None) -> bool:
    """Whether this viewer may see who hosted, attended or wrote the session's notes.

    Open: everyone. Chatham House: the event's organisers only. Off the record: nobody.
    `organiser` saves a query when the caller already knows.
    """
    if session.privacy == PrivacyMode.OPEN:
        return True
    if session.privacy == PrivacyMode.CHATHAM_HOUSE:
        if organiser is None:
            organiser = is_organiser(user=user, event=session.event)
        return organiser
    return False


def public_names(session: Session) -> bool:
    """Whether names may go where anyone can read them (feeds, exports, live events)."""
    return session.privacy == PrivacyMode.OPEN
