"""Writes to chapters: following, the reusable checklist and the organisers' call."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter, ChapterMembership, ChecklistItem, OrganiserCall


@transaction.atomic
def chapter_follow(*, chapter: Chapter, user: User) -> ChapterMembership:
    """Follow a chapter; following twice is harmless and keeps an organiser an organiser."""
    membership, _created = ChapterMembership.objects.get_or_create(chapter=chapter, user=user)
    return membership


@transaction.atomic
def chapter_unfollow(*, chapter: Chapter, user: User) -> bool:
    """Stop following. Organisers stay (another organiser or an admin removes them), so a
    chapter never loses its organisers by a stray click. Returns whether anything changed."""
    deleted, _by_model = ChapterMembership.objects.filter(
        chapter=chapter, user=user, role=ChapterMembership.Role.MEMBER
    ).delete()
    return deleted > 0


@transaction.atomic
def checklist_item_create(
    *, chapter: Chapter, title: str, area: str = "", days_before: int = 14
) -> ChecklistItem:
    return ChecklistItem.objects.create(
        chapter=chapter, title=title, area=area, days_before=days_before
    )


@transaction.atomic
def checklist_item_delete(*, item: ChecklistItem) -> None:
    item.delete()


@transaction.atomic
def organiser_call_save(
    *,
    chapter: Chapter,
    starts_at: datetime,
    joining_details: str = "",
    agenda: str = "",
    call: OrganiserCall | None = None,
) -> OrganiserCall:
    """Create the next call, or update the one given."""
    call = call or OrganiserCall(chapter=chapter)
    call.starts_at = starts_at
    call.joining_details = joining_details
    call.agenda = agenda
    call.full_clean()
    call.save()
    return call
