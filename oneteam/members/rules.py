"""Who may see and change what in the members app, and the community's roles, in one place.

Roles (issue 2, part 6): every signed-in person is a *member*; a member may *organise* one or
more chapters (a ChapterMembership with role organiser); a *moderator* is flagged on the user;
*admins* are Django staff and work in the Django admin. Other apps ask these helpers rather
than reading the flags themselves, so a change of rule happens here once.

Profile visibility: signed-in members see every profile; anonymous visitors see a profile only
if its owner made it public. For anything else an anonymous visitor is sent to sign in, and that
redirect is the same whether or not the handle exists, so it confirms nothing. Signed-in members
get a 404 for a handle that does not exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from oneteam.chapters.models import Chapter
from oneteam.chapters.rules import is_chapter_organiser
from oneteam.members.models import Profile

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneteam.accounts.models import User

    AnyUser = User | AnonymousUser


def is_member(user: AnyUser) -> TypeGuard[User]:
    # A TypeGuard, not a bool: where it is true, the user is a signed-in User.
    return bool(user.is_authenticated and user.is_active)


def is_moderator(user: AnyUser) -> bool:
    return is_member(user) and bool(getattr(user, "is_moderator", False))


def is_admin(user: AnyUser) -> bool:
    return is_member(user) and bool(user.is_staff)


def is_organiser_of(user: AnyUser, chapter: Chapter) -> bool:
    # The chapters app owns what "organiser" means for its own permissions; one query, one place.
    return is_member(user) and is_chapter_organiser(user, chapter)


def can_view_directory(user: AnyUser) -> bool:
    return is_member(user)


def can_view_profile(user: AnyUser, profile: Profile) -> bool:
    return is_member(user) or profile.visibility == Profile.Visibility.PUBLIC


def can_edit_profile(user: AnyUser, profile: Profile) -> bool:
    """Only the member edits their own profile; admins use the Django admin."""
    return is_member(user) and profile.user_id == user.pk


def can_see_email(user: AnyUser, owner: User) -> bool:
    """Email addresses are shown to their owner and to admins, never to other members."""
    return is_member(user) and (user.pk == owner.pk or is_admin(user))
