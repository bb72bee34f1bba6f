"""A small community for rounds: ten members across disciplines, all following London."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.introductions.models import OptIn
from oneteam.introductions.services.optins import opt_in_set
from tests.conftest import make_member

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Five in policy, five across digital, data, design and delivery: every pair can cross.
PEOPLE = [
    ("pat", "policy"),
    ("priya", "policy"),
    ("paul", "policy"),
    ("peta", "policy"),
    ("pim", "policy"),
    ("dev", "digital"),
    ("dana", "digital"),
    ("dara", "data"),
    ("desi", "design"),
    ("del", "delivery"),
]


@dataclass
class Community:
    chapter: Chapter
    people: dict[str, User]

    def discipline(self, user_id: int) -> str:
        user = User.objects.select_related("profile__discipline").get(pk=user_id)
        return user.profile.discipline.slug


def join(user: User, chapter: Chapter) -> None:
    ChapterMembership.objects.get_or_create(chapter=chapter, user=user)


@pytest.fixture
def community(db, chapter) -> Community:
    people = {}
    for name, discipline in PEOPLE:
        user = make_member(f"{name}@example.org", name=name.capitalize(), discipline=discipline)
        join(user, chapter)
        people[name] = user
    return Community(chapter, people)


@pytest.fixture
def opted_in(community) -> Community:
    """Everyone in the community opted in to London's rounds, online, every round."""
    for user in community.people.values():
        opt_in_set(
            user=user,
            chapter=community.chapter,
            meeting=OptIn.Meeting.ONLINE,
            frequency=OptIn.Frequency.EVERY_ROUND,
        )
    return community
