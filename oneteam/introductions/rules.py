"""Who may do what with introductions, in one place.

Every signed-in member may opt in and see their own introductions. A chapter's rounds are
opened by its organisers (and site staff); community-wide rounds by site staff, the community's
organisers (oneteam.chapters.rules decides both).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.chapters.rules import can_manage_chapter, is_staff

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


def can_take_part(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_open_round(user: User | AnonymousUser, chapter: Chapter | None) -> bool:
    if not can_take_part(user):
        return False
    if chapter is None:
        return is_staff(user)
    return can_manage_chapter(user, chapter)


def organised_chapters(user: User | AnonymousUser) -> list[Chapter]:
    """The chapters whose rounds the user may open (every chapter for staff)."""
    if not isinstance(user, User) or not can_take_part(user):
        return []
    if is_staff(user):
        return list(Chapter.objects.order_by("name"))
    return list(
        Chapter.objects.filter(
            memberships__user_id=user.pk, memberships__role=ChapterMembership.Role.ORGANISER
        ).order_by("name")
    )


def can_organise_rounds(user: User | AnonymousUser) -> bool:
    return is_staff(user) or bool(organised_chapters(user))
