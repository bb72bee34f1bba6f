"""Reads about chapters."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from oneteam.chapters.models import Chapter, ChapterMembership, ChecklistItem, OrganiserCall
from oneteam.events.models import Event

# Used when a chapter has not written its own checklist yet (the starting list).
DEFAULT_CHECKLIST: tuple[tuple[str, str, int], ...] = (
    ("venue", "Book the venue and confirm the rooms", 56),
    ("access", "Check step-free access, hearing loops and quiet room", 42),
    ("catering", "Order catering, including dietary needs", 10),
    ("volunteers", "Recruit volunteers for the day", 21),
    ("pitching", "Set up the pitching station and session grid", 1),
    ("comms", "Announce the event and send joining instructions", 28),
)


def chapters_for_list() -> QuerySet[Chapter]:
    return Chapter.objects.annotate(
        follower_count=Count("memberships", distinct=True),
        upcoming_count=Count(
            "events",
            filter=Q(events__status=Event.Status.PUBLISHED, events__ends_at__gte=timezone.now()),
            distinct=True,
        ),
    ).order_by("name")


def chapter_events(*, chapter: Chapter, include_drafts: bool) -> tuple[list[Event], list[Event]]:
    """(upcoming, past) events of a chapter; drafts only for those who manage it."""
    events = Event.objects.filter(chapter=chapter)
    if not include_drafts:
        events = events.exclude(status=Event.Status.DRAFT)
    now = timezone.now()
    upcoming = list(events.filter(ends_at__gte=now).order_by("starts_at"))
    past = list(events.filter(ends_at__lt=now).order_by("-starts_at"))
    return upcoming, past


def is_following(*, chapter: Chapter, user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return ChapterMembership.objects.filter(chapter=chapter, user=user).exists()


def chapter_organisers(*, chapter: Chapter) -> list[Any]:
    memberships = ChapterMembership.objects.filter(
        chapter=chapter, role=ChapterMembership.Role.ORGANISER
    ).select_related("user__profile")
    return [membership.user for membership in memberships]


def checklist_for(*, chapter: Chapter) -> list[tuple[str, str, int]]:
    """(area, title, days_before) rows: the chapter's own checklist or the default one."""
    items = list(ChecklistItem.objects.filter(chapter=chapter))
    if not items:
        return list(DEFAULT_CHECKLIST)
    return [(item.area, item.title, item.days_before) for item in items]


def next_organiser_call(*, chapter: Chapter) -> OrganiserCall | None:
    # A call that started an hour ago is probably still going on: keep showing it.
    since = timezone.now() - timedelta(hours=1)
    return OrganiserCall.objects.filter(chapter=chapter, starts_at__gte=since).first()
