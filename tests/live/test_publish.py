"""publish_on_commit and who holds which audience."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.live.audiences import AudienceError, audiences_for
from oneteam.live.broker import publish_on_commit


@pytest.mark.django_db(transaction=True)
def test_publish_on_commit_publishes_after_commit_and_never_on_rollback(memory_app_broker):
    with transaction.atomic():
        publish_on_commit("event-a", "moved", {"n": 1})
        inside = memory_app_broker.last_id("event-a")
    after_commit = memory_app_broker.last_id("event-a")

    with pytest.raises(RuntimeError), transaction.atomic():
        publish_on_commit("event-a", "moved", {"n": 2})
        raise RuntimeError("the write failed")

    assert (inside, after_commit, memory_app_broker.last_id("event-a")) == (0, 1, 1)


@pytest.mark.django_db
def test_publish_on_commit_drops_events_of_a_rolled_back_savepoint(
    memory_app_broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publish_on_commit("event-a", "kept", {})
        with pytest.raises(RuntimeError), transaction.atomic():
            publish_on_commit("event-a", "dropped", {})
            raise RuntimeError

    assert len(callbacks) == 1
    assert memory_app_broker.last_id("event-a") == 1


@pytest.mark.django_db
def test_publish_on_commit_rejects_a_bad_audience_in_the_writers_stack(memory_app_broker):
    with pytest.raises(AudienceError), transaction.atomic():
        publish_on_commit("event-a", "moved", {}, audience="organisers:")


@pytest.mark.django_db
def test_audiences_for_each_persona(member, organiser, moderator, chapter):
    other = Chapter.objects.create(slug="leeds", name="Leeds", region="Yorkshire")
    ChapterMembership.objects.create(chapter=other, user=organiser)  # follows, not organises

    assert audiences_for(AnonymousUser()) == {"public"}
    assert audiences_for(member) == {"public", "members", f"user:{member.pk}"}
    assert audiences_for(organiser) == {
        "public",
        "members",
        f"user:{organiser.pk}",
        f"organisers:{chapter.pk}",
    }
    assert audiences_for(moderator) == {"public", "members", "moderators", f"user:{moderator.pk}"}


@pytest.mark.django_db
def test_audiences_for_an_inactive_member_are_public_only(member):
    member.is_active = False

    assert audiences_for(member) == {"public"}
