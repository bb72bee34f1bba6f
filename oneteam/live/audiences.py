"""Who may see an event: the only rule set for live payloads.

Every event carries one audience. A connected viewer holds a set of audiences, worked out once
when the stream opens, and receives an event only when its audience is in that set:

- ``public``: everyone who may read the channel, signed in or not;
- ``members``: any signed-in member;
- ``moderators``: community moderators;
- ``organisers:<chapter id>``: organisers of that chapter;
- ``user:<user id>``: that one member.

One audience per event keeps the check a set lookup and makes leaks easy to review: a writer
who has something private to say publishes a second, narrower event rather than a filtered copy.
"""

from __future__ import annotations

import re
from typing import Any

PUBLIC = "public"
MEMBERS = "members"
MODERATORS = "moderators"

_AUDIENCE = re.compile(r"^(public|members|moderators|organisers:[1-9][0-9]*|user:[1-9][0-9]*)$")


class AudienceError(ValueError):
    """An event names an audience nobody can hold (a typo would otherwise hide it silently)."""


def validate_audience(audience: str) -> str:
    if not isinstance(audience, str) or not _AUDIENCE.match(audience):
        raise AudienceError(
            f"unknown live audience {audience!r}: use public, members, moderators, "
            "organisers:<chapter id> or user:<user id>"
        )
    return audience


def organisers(chapter_id: int) -> str:
    return f"organisers:{chapter_id}"


def user(user_id: int) -> str:
    return f"user:{user_id}"


def audiences_for(viewer: Any) -> frozenset[str]:
    """The audiences a viewer holds. Runs queries: call it before streaming, not during."""
    from oneteam.chapters.models import ChapterMembership

    if viewer is None or not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return frozenset({PUBLIC})
    held = {PUBLIC, MEMBERS, user(viewer.pk)}
    if getattr(viewer, "is_moderator", False):
        held.add(MODERATORS)
    chapter_ids = ChapterMembership.objects.filter(
        user=viewer, role=ChapterMembership.Role.ORGANISER
    ).values_list("chapter_id", flat=True)
    held.update(organisers(chapter_id) for chapter_id in chapter_ids)
    return frozenset(held)


def may_see(audiences: frozenset[str], audience: str) -> bool:
    return audience in audiences
