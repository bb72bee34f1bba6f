"""Writes for a member's agenda: their private calendar feed and their change notices."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from oneteam.accounts.models import User
from oneteam.events.models import Event
from oneteam.timetable.models import AgendaFeed, ScheduleChange, new_feed_token


@transaction.atomic
def feed_create(*, user: User) -> AgendaFeed:
    """The member's feed, made if they have none (creating twice keeps the first address)."""
    feed, _created = AgendaFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def feed_revoke(*, user: User) -> None:
    """Delete the feed: its address stops working at once (idempotent)."""
    AgendaFeed.objects.filter(user=user).delete()


@transaction.atomic
def feed_regenerate(*, user: User) -> AgendaFeed:
    """A new address for the feed; the old one stops working (for a leaked address)."""
    feed, created = AgendaFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed


def notice_dismiss(*, user: User, event: Event, notice_id: int | None = None) -> int:
    """Dismiss one of the member's open change notices for the event, or all of them when no id
    is given. Someone else's notice is never touched. Returns how many were dismissed."""
    notices = ScheduleChange.objects.filter(
        user=user, version__event=event, dismissed_at__isnull=True
    )
    if notice_id is not None:
        notices = notices.filter(pk=notice_id)
    return notices.update(dismissed_at=timezone.now())
