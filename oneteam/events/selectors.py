"""Reads about events and registrations that are more than a filter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneteam.events.models import Event, Registration

if TYPE_CHECKING:
    from oneteam.accounts.models import User


def is_confirmed_attendee(*, event: Event, user: User) -> bool:
    """Whether the user holds a confirmed place at the event (not waitlisted, not cancelled)."""
    if not user.is_authenticated:
        return False
    return Registration.objects.filter(
        event=event, user=user, status=Registration.Status.CONFIRMED
    ).exists()
