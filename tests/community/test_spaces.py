"""Organisers add chapter spaces and decide whether anonymous posts are allowed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from oneteam.community import services
from oneteam.community.models import Space, SpaceMember
from tests.community.conftest import snapshot

pytestmark = pytest.mark.django_db


def test_organiser_adds_a_chapter_space_allowing_anonymous_posts(client, organiser, chapter):
    client.force_login(organiser)
    home = client.get(reverse("community:home")).content.decode()
    url = reverse("community:chapter_space_create", kwargs={"chapter_slug": chapter.slug})
    assert f'href="{url}"' in home
    response = client.post(url, {"name": "London reformers", "allow_anonymous": "on"})
    space = Space.objects.get()
    assert response["Location"] == reverse("community:space", kwargs={"slug": "london-reformers"})
    assert (space.kind, space.chapter, space.allow_anonymous) == ("chapter", chapter, True)


def test_members_cannot_add_chapter_spaces(member, chapter):
    with pytest.raises(ValidationError, match="Only the chapter's organisers"):
        services.space_create_chapter(chapter=chapter, by=member, name="Mine")
    assert Space.objects.count() == 0


def test_organiser_turns_anonymous_posting_off(client, organiser, chapter):
    space = services.space_create_chapter(
        chapter=chapter, by=organiser, name="London", allow_anonymous=True
    )
    client.force_login(organiser)
    client.post(
        reverse("community:space_settings", kwargs={"slug": space.slug}), {"name": "London"}
    )
    space.refresh_from_db()
    assert space.allow_anonymous is False


def test_a_space_needs_a_name(client, organiser, chapter):
    space = services.space_create_chapter(chapter=chapter, by=organiser, name="London")
    client.force_login(organiser)
    before = snapshot()
    response = client.post(
        reverse("community:space_settings", kwargs={"slug": space.slug}), {"name": ""}
    )
    assert "Name the space" in response.content.decode()
    assert snapshot() == before


def test_private_space_owner_invites_by_profile_address(client, member, other_member):
    space = services.space_create_private(owner=member, name="Data people")
    client.force_login(member)
    url = reverse("community:space_invite", kwargs={"slug": space.slug})
    response = client.post(url, {"handle": "nobody-here"})
    assert "No member has the profile address “nobody-here”" in response.content.decode()
    client.post(url, {"handle": "charlie"})
    assert SpaceMember.objects.filter(space=space, user=other_member).exists()
    again = client.post(url, {"handle": "charlie"})
    assert "Charlie Data is already in this space" in again.content.decode()
