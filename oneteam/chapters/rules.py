"""Who may do what with a chapter: every permission question about chapters is answered here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneteam.chapters.models import Chapter, ChapterMembership

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneteam.accounts.models import User


def is_staff(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


def is_chapter_organiser(user: User | AnonymousUser, chapter: Chapter) -> bool:
    if not user.is_authenticated:
        return False
    return ChapterMembership.objects.filter(
        chapter=chapter, user=user, role=ChapterMembership.Role.ORGANISER
    ).exists()


def can_manage_chapter(user: User | AnonymousUser, chapter: Chapter) -> bool:
    """Organisers of the chapter and site staff manage its events, checklist and calls."""
    return is_staff(user) or is_chapter_organiser(user, chapter)


def can_follow_chapter(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated)
