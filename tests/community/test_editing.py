"""Editing one's own post keeps the earlier wording, which members may read."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from oneteam.community import selectors, services
from oneteam.community.models import PostRevision
from tests.community.conftest import snapshot
from tests.community.helpers import make_thread

pytestmark = pytest.mark.django_db


def test_author_edits_and_the_earlier_wording_is_kept(client, space, member, other_member):
    post = make_thread(space, member, body="First wording").posts.get()
    client.force_login(member)
    response = client.post(
        reverse("community:post_edit", kwargs={"pk": post.pk}), {"body": "Second wording"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.body, post.edited_at is not None) == ("Second wording", True)
    assert list(PostRevision.objects.values_list("body", flat=True)) == ["First wording"]
    client.force_login(other_member)
    history = client.get(reverse("community:post_history", kwargs={"pk": post.pk}))
    page = history.content.decode()
    assert page.index("Second wording") < page.index("First wording")
    assert [v.post.body for v in selectors.search_posts(viewer=other_member, query="second")] == [
        "Second wording"
    ]
    assert selectors.search_posts(viewer=other_member, query="first") == []


def test_anonymous_author_edits_their_post_and_history_keeps_the_pseudonym(
    client, space, member, other_member
):
    post = make_thread(space, member, anonymous=True, body="Said quietly").posts.get()
    services.post_edit(post=post, user=member, body="Said more quietly")
    client.force_login(other_member)
    page = client.get(reverse("community:post_history", kwargs={"pk": post.pk})).content.decode()
    assert "Anonymous 1" in page and "Said quietly" in page
    assert "Alice" not in page


def test_others_cannot_edit(client, space, member, other_member):
    post = make_thread(space, member).posts.get()
    client.force_login(other_member)
    before = snapshot()
    response = client.post(
        reverse("community:post_edit", kwargs={"pk": post.pk}), {"body": "Vandalised"}
    )
    assert response.status_code == 404
    assert snapshot() == before
    with pytest.raises(ValidationError, match="only edit your own posts"):
        services.post_edit(post=post, user=other_member, body="Vandalised")


@pytest.mark.parametrize("body", ["", "x" * 100_001])
def test_bad_edits_are_refused(client, space, member, body):
    post = make_thread(space, member).posts.get()
    client.force_login(member)
    before = snapshot()
    response = client.post(reverse("community:post_edit", kwargs={"pk": post.pk}), {"body": body})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert snapshot() == before


def test_a_hidden_post_cannot_be_edited(space, member, moderator):
    post = make_thread(space, member).posts.get()
    services.post_hide(post=post, moderator=moderator, reason="Rude")
    with pytest.raises(ValidationError, match="cannot be edited"):
        services.post_edit(post=post, user=member, body="Sorry")
