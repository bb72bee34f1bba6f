from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from oneteam.chapters.models import Chapter, ChapterMembership, ChecklistItem, OrganiserCall
from oneteam.events.models import Event

pytestmark = pytest.mark.django_db


def _detail(chapter) -> str:
    return reverse("chapters:detail", kwargs={"slug": chapter.slug})


def test_chapter_detail_splits_upcoming_and_past(client, chapter, event):
    past = Event.objects.create(
        chapter=chapter,
        slug="last-year",
        title="Last year",
        starts_at=timezone.now() - timedelta(days=300),
        ends_at=timezone.now() - timedelta(days=300) + timedelta(hours=8),
        status=Event.Status.PUBLISHED,
    )

    context = client.get(_detail(chapter)).context

    assert (context["upcoming"], context["past"]) == ([event], [past])


def test_chapter_detail_shows_drafts_to_organisers_only(
    client, chapter, member, organiser, draft_event
):
    client.force_login(member)
    assert client.get(_detail(chapter)).context["upcoming"] == []

    client.force_login(organiser)
    assert client.get(_detail(chapter)).context["upcoming"] == [draft_event]


def test_chapter_follow_then_unfollow(client, chapter, member):
    client.force_login(member)

    client.post(reverse("chapters:follow", kwargs={"slug": chapter.slug}))
    assert ChapterMembership.objects.filter(chapter=chapter, user=member).exists()

    client.post(reverse("chapters:unfollow", kwargs={"slug": chapter.slug}))
    assert not ChapterMembership.objects.filter(chapter=chapter, user=member).exists()


def test_chapter_follow_get_changes_nothing(client, chapter, member):
    client.force_login(member)

    response = client.get(reverse("chapters:follow", kwargs={"slug": chapter.slug}))

    assert response.status_code == 405
    assert not ChapterMembership.objects.exists()


def test_chapter_unfollow_keeps_an_organiser(client, chapter, organiser):
    client.force_login(organiser)

    client.post(reverse("chapters:unfollow", kwargs={"slug": chapter.slug}))

    membership = ChapterMembership.objects.get(chapter=chapter, user=organiser)
    assert membership.role == ChapterMembership.Role.ORGANISER


def test_chapter_list_query_count_does_not_grow_with_chapters(client, chapter):
    url = reverse("chapters:list")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    Chapter.objects.create(slug="wales", name="Wales")
    Chapter.objects.create(slug="scotland", name="Scotland")

    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    assert len(three.captured_queries) == len(one.captured_queries)
    assert [c.name for c in response.context["chapters"]] == ["London", "Scotland", "Wales"]


def test_checklist_add_and_remove(client, chapter, organiser):
    client.force_login(organiser)

    client.post(
        reverse("chapters:checklist", kwargs={"slug": chapter.slug}),
        {"title": "Order lanyards", "area": "comms", "days_before": "10"},
    )
    item = ChecklistItem.objects.get()
    assert (item.title, item.days_before) == ("Order lanyards", 10)

    client.post(reverse("chapters:checklist_delete", kwargs={"slug": chapter.slug, "pk": item.pk}))
    assert not ChecklistItem.objects.exists()


def test_organiser_call_plan_then_change_agenda(client, chapter, organiser):
    client.force_login(organiser)
    url = reverse("chapters:call", kwargs={"slug": chapter.slug})

    client.post(
        url,
        {"starts_at": "2030-03-04T12:30", "joining_details": "https://meet.example", "agenda": "1"},
    )
    client.post(
        url,
        {"starts_at": "2030-03-04T12:30", "joining_details": "", "agenda": "- venue\n- comms"},
    )

    call = OrganiserCall.objects.get()
    assert call.agenda == "- venue\n- comms"
    body = client.get(url).content.decode()
    assert '<ul class="govuk-list govuk-list--bullet">' in body
