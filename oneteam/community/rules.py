"""Who may see, post, manage and moderate in the community: every such question is answered here.

- Community and chapter spaces are open to every signed-in member; a private space only to the
  members invited into it.
- A *moderator* moderates a space when they are a community-wide moderator (`User.is_moderator`
  or a `Moderator` row with no chapter) or moderate the space's chapter.
- Posting needs the current code of conduct accepted and no suspension or ban in force.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from oneteam.chapters.rules import can_manage_chapter
from oneteam.community.models import Moderator, Sanction, Space, SpaceMember
from oneteam.members.rules import is_admin, is_member

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneteam.accounts.models import User

    AnyUser = User | AnonymousUser


def can_see_space(user: AnyUser, space: Space) -> bool:
    if not is_member(user):
        return False
    if space.kind != Space.Kind.PRIVATE:
        return True
    return SpaceMember.objects.filter(space=space, user=user).exists()


def is_community_moderator(user: AnyUser) -> bool:
    if not is_member(user):
        return False
    if getattr(user, "is_moderator", False):
        return True
    return Moderator.objects.filter(user=user, chapter__isnull=True).exists()


def is_any_moderator(user: AnyUser) -> bool:
    """Moderates at least one space: may open the moderation queue."""
    if not is_member(user):
        return False
    return (
        bool(getattr(user, "is_moderator", False)) or Moderator.objects.filter(user=user).exists()
    )


def moderates_space(user: AnyUser, space: Space) -> bool:
    if not is_member(user):
        return False
    if getattr(user, "is_moderator", False):
        return True
    roles = Moderator.objects.filter(user=user)
    if space.chapter_id is None:
        return roles.filter(chapter__isnull=True).exists()
    return roles.filter(Q(chapter__isnull=True) | Q(chapter_id=space.chapter_id)).exists()


def moderated_chapter_ids(user: AnyUser) -> set[int | None]:
    """The chapters a moderator looks after; None in the set means every space."""
    if not is_member(user):
        return set()
    if getattr(user, "is_moderator", False):
        return {None}
    return set(Moderator.objects.filter(user=user).values_list("chapter_id", flat=True))


def can_manage_space(user: AnyUser, space: Space) -> bool:
    """Who invites people and decides whether anonymous posts are allowed."""
    if not is_member(user):
        return False
    if is_admin(user):
        return True
    if space.kind == Space.Kind.PRIVATE:
        return SpaceMember.objects.filter(space=space, user=user, is_owner=True).exists()
    if space.kind == Space.Kind.CHAPTER and space.chapter is not None:
        return can_manage_chapter(user, space.chapter)
    return False


def sanction_in_force(user: AnyUser) -> Sanction | None:
    """The suspension or ban that stops the member posting now, if any."""
    if not is_member(user):
        return None
    now = timezone.now()
    return (
        Sanction.objects.filter(user=user)
        .filter(Q(kind=Sanction.Kind.BAN) | Q(kind=Sanction.Kind.SUSPENSION, until__gt=now))
        .order_by("-created_at")
        .first()
    )
