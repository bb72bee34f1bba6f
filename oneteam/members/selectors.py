"""Reads for the members app: the directory search and a profile with what its page shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from oneteam.accounts.models import User
from oneteam.chapters.models import ChapterMembership
from oneteam.members.models import Discipline, Profile

# Fields the directory's search box looks in; every word typed must match one of them.
SEARCH_FIELDS = ("display_name", "organisation", "role", "ask_me_about")


def disciplines_in_order() -> QuerySet[Discipline]:
    return Discipline.objects.order_by("order", "name")


def profile_directory(
    *, query: str = "", discipline_slugs: Iterable[str] = ()
) -> QuerySet[Profile]:
    """Profiles for the directory, matching every word of `query` and any of the disciplines."""
    profiles = Profile.objects.select_related("discipline").filter(user__is_active=True)
    for word in query.split():
        any_field = Q()
        for field in SEARCH_FIELDS:
            any_field |= Q(**{f"{field}__icontains": word})
        profiles = profiles.filter(any_field)
    slugs = [slug for slug in discipline_slugs if slug]
    if slugs:
        profiles = profiles.filter(discipline__slug__in=slugs)
    return profiles.order_by("display_name", "pk")


def profile_with_chapters(handle: str) -> Profile | None:
    """The profile with its discipline, user and chapter memberships, in three queries."""
    memberships = ChapterMembership.objects.select_related("chapter").order_by(
        "-role", "chapter__name"
    )
    return (
        Profile.objects.select_related("discipline", "user")
        .prefetch_related(Prefetch("user__chapter_memberships", queryset=memberships))
        .filter(handle=handle, user__is_active=True)
        .first()
    )


def organised_chapter_names(user: User) -> list[str]:
    return list(
        ChapterMembership.objects.filter(user=user, role=ChapterMembership.Role.ORGANISER)
        .order_by("chapter__name")
        .values_list("chapter__name", flat=True)
    )


@dataclass(frozen=True)
class ProfileRoles:
    organises: list[str]
    follows: list[str]
    is_moderator: bool


def profile_roles(profile: Profile) -> ProfileRoles:
    """What the profile page says about a member's roles; uses prefetched memberships."""
    organises: list[str] = []
    follows: list[str] = []
    for membership in profile.user.chapter_memberships.all():
        if membership.role == ChapterMembership.Role.ORGANISER:
            organises.append(membership.chapter.name)
        else:
            follows.append(membership.chapter.name)
    return ProfileRoles(
        organises=organises, follows=follows, is_moderator=profile.user.is_moderator
    )


def has_display_name(user: User) -> bool:
    """Whether the member has a name others can be shown (a registration or pitch asks for
    one when not)."""
    profile = getattr(user, "profile", None)
    return bool(profile is not None and profile.display_name.strip())
