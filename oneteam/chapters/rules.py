"""Who may do what with a chapter: every permission question about chapters is answered here."""

from __future__ import annotations

from typing import Any

from oneteam.chapters.models import Chapter, ChapterMembership


def is_staff(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


def is_chapter_organiser(user: Any, chapter: Chapter) -> bool:
    if not user.is_authenticated:
        return False
    return ChapterMembership.objects.filter(
        chapter=chapter, user=user, role=ChapterMembership.Role.ORGANISER
    ).exists()


def can_manage_chapter(user: Any, chapter: Chapter) -> bool:
    """Organisers of the chapter and site staff manage its events, checklist and calls."""
    return is_staff(user) or is_chapter_organiser(user, chapter)


def can_follow_chapter(user: Any) -> bool:
    return bool(user.is_authenticated)
