"""Shared personas and fixtures (see ../shared/style.md: build only what a test needs)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.backends.base.creation import BaseDatabaseCreation
from django.utils import timezone

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.community.models import Moderator
from oneteam.events.models import Event
from oneteam.members.models import Discipline, Profile


def clear_cache() -> None:
    """Forget rate-limit counters between tests without touching another worker's keys."""
    backend = cache._cache if hasattr(cache, "_cache") else None
    if backend is not None and hasattr(backend, "get_client"):
        client = backend.get_client(write=True)
        prefix = cache.make_key("")
        for key in client.scan_iter(match=f"{prefix}*"):
            client.delete(key)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_cache()


@pytest.fixture(scope="session", autouse=True)
def _serialized_rollback_starts_from_empty() -> Iterator[None]:
    """Serialized rollback (the browser tests) reloads the migrated rows into a database it
    assumes is empty. A transactional test without it flushes with post_migrate, which
    recreates content types and permissions, so the reload would collide with them; which of
    the two runs first on a worker varies with xdist. Empty the database before reloading."""
    original = BaseDatabaseCreation.deserialize_db_from_string

    def deserialize_into_empty(self: BaseDatabaseCreation, data: str) -> None:
        call_command(
            "flush",
            database=self.connection.alias,
            interactive=False,
            inhibit_post_migrate=True,
            verbosity=0,
        )
        original(self, data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseCreation, "deserialize_db_from_string", deserialize_into_empty)
        yield


def make_member(
    email: str, *, name: str, discipline: str = "policy", handle: str | None = None, **extra
) -> User:
    user = User.objects.create_user(email=email, **extra)
    Profile.objects.create(
        user=user,
        handle=handle or email.split("@")[0],
        display_name=name,
        discipline=Discipline.objects.get(slug=discipline),
        organisation="Department for Examples",
    )
    return user


@pytest.fixture
def chapter(db) -> Chapter:
    return Chapter.objects.create(slug="london", name="London", region="London")


@pytest.fixture
def member(db) -> User:
    """Alice: a signed-up member who follows no chapter."""
    return make_member("alice@example.org", name="Alice Policy", discipline="policy")


@pytest.fixture
def other_member(db) -> User:
    """Charlie: another member, an outsider to whatever Alice owns."""
    return make_member("charlie@example.org", name="Charlie Data", discipline="data")


@pytest.fixture
def organiser(db, chapter) -> User:
    """Olu: organises the London chapter."""
    user = make_member("olu@example.org", name="Olu Organiser", discipline="delivery")
    ChapterMembership.objects.create(
        chapter=chapter, user=user, role=ChapterMembership.Role.ORGANISER
    )
    return user


@pytest.fixture
def moderator(db) -> User:
    """Mo: a community moderator."""
    return make_member(
        "mo@example.org", name="Mo Moderator", discipline="design", is_moderator=True
    )


@pytest.fixture
def chapter_moderator(db, chapter) -> User:
    """Cara: moderates the London chapter's spaces only; otherwise an ordinary member."""
    return make_chapter_moderator(chapter)


def make_chapter_moderator(chapter: Chapter) -> User:
    user = make_member("cara@example.org", name="Cara Chapter", discipline="research")
    Moderator.objects.create(user=user, chapter=chapter)
    return user


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser(email="admin@example.org")


@pytest.fixture
def event(db, chapter) -> Event:
    starts = timezone.now() + timedelta(days=14)
    return Event.objects.create(
        chapter=chapter,
        slug="london-unconference",
        title="One Team London",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        status=Event.Status.PUBLISHED,
        capacity=100,
    )


@pytest.fixture
def small_event(db, chapter) -> Event:
    """Two places, so the waitlist is one registration away."""
    starts = timezone.now() + timedelta(days=7)
    return Event.objects.create(
        chapter=chapter,
        slug="lean-coffee",
        title="Lean Coffee",
        format=Event.Format.LEAN_COFFEE,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        status=Event.Status.PUBLISHED,
        capacity=2,
    )


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items) -> None:
    in_ci = os.environ.get("CI") == "true"
    have_chromium = os.path.exists("/usr/bin/chromium")
    skip_browser = pytest.mark.skip(reason="no /usr/bin/chromium (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords and not have_chromium and not in_ci:
            item.add_marker(skip_browser)
