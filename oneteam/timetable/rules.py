"""Who may see and change an event's grid: the one place these decisions are made."""

from __future__ import annotations

from typing import Any

from oneteam.events.models import Event
from oneteam.programme import rules as programme_rules


def can_organise_grid(*, user: Any, event: Event) -> bool:
    """Those who run the event's programme build, adjust and publish its grid."""
    return programme_rules.is_organiser(user=user, event=event)


def can_view_published_grid(*, user: Any, event: Event) -> bool:
    """The published grid of a published event is public: a venue screen needs no sign-in.
    It shows titles, rooms and times; host names only to signed-in members."""
    if event.status == Event.Status.PUBLISHED:
        return True
    return can_organise_grid(user=user, event=event)


def can_see_hosts(*, user: Any) -> bool:
    return bool(user.is_authenticated)


def can_have_agenda(*, user: Any, event: Event) -> bool:
    """Any signed-in member with an interest in the event's programme has an agenda."""
    return bool(user.is_authenticated) and event.status == Event.Status.PUBLISHED
