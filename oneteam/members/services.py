"""Writes for the members app. Views, the admin and the demo loader all come through here."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.core.text import clean_display_name
from oneteam.members.models import Discipline, Profile

HANDLE_MAX_LENGTH = Profile._meta.get_field("handle").max_length or 40
# Handles that would clash with the members app's own addresses (members/me/ is the edit page).
RESERVED_HANDLES = frozenset({"me", "edit", "new", "search", "admin"})


def handle_is_available(handle: str, *, user: User | None = None) -> bool:
    if handle in RESERVED_HANDLES:
        return False
    taken = Profile.objects.filter(handle=handle)
    if user is not None and user.pk:
        taken = taken.exclude(user=user)
    return not taken.exists()


def handle_suggest(*, display_name: str, user: User | None = None) -> str:
    """A free handle made from the display name: `ada-lovelace`, then `ada-lovelace-2`, ..."""
    base = slugify(display_name)[:HANDLE_MAX_LENGTH].strip("-") or "member"
    candidate = base
    number = 2
    while not handle_is_available(candidate, user=user):
        suffix = f"-{number}"
        candidate = base[: HANDLE_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate


def profile_followed_chapters_set(*, user: User, chapters: Iterable[Chapter]) -> None:
    """Make the member follow exactly `chapters`. Organiser memberships are never touched:
    stepping down as an organiser is an admin's job, not a side effect of editing a profile."""
    wanted = {chapter.pk for chapter in chapters}
    memberships = ChapterMembership.objects.filter(user=user)
    organised = set(
        memberships.filter(role=ChapterMembership.Role.ORGANISER).values_list(
            "chapter_id", flat=True
        )
    )
    followed = set(
        memberships.filter(role=ChapterMembership.Role.MEMBER).values_list("chapter_id", flat=True)
    )
    memberships.filter(role=ChapterMembership.Role.MEMBER).exclude(chapter_id__in=wanted).delete()
    ChapterMembership.objects.bulk_create(
        [
            ChapterMembership(user=user, chapter_id=chapter_id, role=ChapterMembership.Role.MEMBER)
            for chapter_id in sorted(wanted - followed - organised)
        ]
    )


@transaction.atomic
def profile_save(
    *,
    user: User,
    display_name: str,
    discipline: Discipline | None,
    handle: str = "",
    pronouns: str = "",
    organisation: str = "",
    role: str = "",
    ask_me_about: str = "",
    working_to_change: str = "",
    visibility: str = Profile.Visibility.MEMBERS,
    chapters: Iterable[Chapter] | None = None,
    is_demo: bool = False,
) -> Profile:
    """Create or update the member's profile; a blank handle gets one made from the name.

    Raises ValidationError for a display name that is blank or holds an invisible character.

    `chapters`, when given, is the full set of chapters the member follows."""
    # NFKC and no invisible characters: a name cannot pass for another member's.
    display_name = clean_display_name(display_name)
    profile = Profile.objects.select_for_update().filter(user=user).first() or Profile(user=user)
    handle = slugify(handle)[:HANDLE_MAX_LENGTH] if handle else ""
    profile.handle = (
        handle or profile.handle or handle_suggest(display_name=display_name, user=user)
    )
    profile.display_name = display_name
    profile.pronouns = pronouns.strip()
    profile.discipline = discipline
    profile.organisation = organisation.strip()
    profile.role = role.strip()
    profile.ask_me_about = ask_me_about.strip()
    profile.working_to_change = working_to_change.strip()
    profile.visibility = visibility
    profile.is_demo = profile.is_demo or is_demo
    profile.full_clean(exclude=["user"])
    profile.save()
    if chapters is not None:
        profile_followed_chapters_set(user=user, chapters=chapters)
    return profile


@transaction.atomic
def profile_display_name_set(*, user: User, display_name: str) -> Profile:
    """Give the member the name others see, making their profile if they have none yet.

    Asked for where someone is about to appear to others (registering, pitching) and has no
    name: nothing else on the profile changes."""
    profile = Profile.objects.select_for_update().filter(user=user).first() or Profile(user=user)
    profile.display_name = " ".join(display_name.split())
    profile.handle = profile.handle or handle_suggest(display_name=profile.display_name, user=user)
    profile.full_clean(exclude=["user"])
    profile.save()
    # The user object the caller holds shows the new name at once.
    user.profile = profile
    return profile
