"""Who may do what with an event: every permission question about events is answered here."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from oneteam.chapters.rules import can_manage_chapter
from oneteam.events.models import Event

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneteam.accounts.models import User


def can_manage_event(user: User | AnonymousUser, event: Event) -> bool:
    """The chapter's organisers (and site staff) manage its events."""
    return can_manage_chapter(user, event.chapter)


def can_view_event(user: User | AnonymousUser, event: Event) -> bool:
    """Published and cancelled events are public; a draft is seen by its organisers only."""
    return event.status != Event.Status.DRAFT or can_manage_event(user, event)


def registration_is_open(event: Event, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if event.status != Event.Status.PUBLISHED:
        return False
    if event.registration_opens_at and now < event.registration_opens_at:
        return False
    return now < event.registration_closes
