"""Chatham House threads: replies show no names to anyone but moderators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.community.helpers import make_thread, reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(space, member, other_member):
    thread = make_thread(space, member, chatham_house=True)
    reply(thread, other_member, "Said under the rule")
    return thread


def _page(client, user, thread) -> str:
    client.force_login(user)
    return client.get(reverse("community:thread", kwargs={"pk": thread.pk})).content.decode()


def test_members_see_no_names_on_replies(client, thread, organiser):
    page = _page(client, organiser, thread)
    assert "Said under the rule" in page
    assert "A participant" in page
    assert "Charlie Data" not in page
    assert reverse("members:profile", kwargs={"handle": "charlie"}) not in page
    assert "Alice Policy" in page  # the opening post keeps its name


def test_the_author_still_sees_their_own_reply_as_theirs(client, thread, other_member):
    page = _page(client, other_member, thread)
    assert "Charlie Data" not in page
    assert ">You</strong>" in page


def test_moderators_see_names(client, thread, moderator):
    assert "Charlie Data" in _page(client, moderator, thread)


def test_thread_form_offers_the_rule(signed_in, space):
    page = signed_in.get(reverse("community:thread_create", kwargs={"slug": space.slug}))
    assert 'name="chatham_house"' in page.content.decode()
