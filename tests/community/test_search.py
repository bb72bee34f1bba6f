"""Search over what the member may see, on SQLite (FTS5) and PostgreSQL (GIN) alike."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oneteam.community import selectors, services
from oneteam.community.models import Post
from tests.community.helpers import make_thread, reply

pytestmark = pytest.mark.django_db


def _found(viewer, query: str) -> list[str]:
    return [view.post.body for view in selectors.search_posts(viewer=viewer, query=query)]


def test_search_finds_every_word_with_stemming_newest_first(space, member, other_member):
    thread = make_thread(space, other_member, body="Sharing data between departments")
    reply(thread, other_member, "We shared data with the council")
    reply(thread, other_member, "Nothing relevant here")
    assert _found(member, "share data") == [
        "We shared data with the council",
        "Sharing data between departments",
    ]
    assert _found(member, "council data") == ["We shared data with the council"]


def test_search_follows_edits_and_deletions(space, member, other_member):
    post = make_thread(space, other_member, body="Original words").posts.get()
    Post.objects.filter(pk=post.pk).update(body="Replacement words")
    assert _found(member, "original") == []
    assert _found(member, "replacement") == ["Replacement words"]
    Post.objects.filter(pk=post.pk).delete()
    assert _found(member, "replacement") == []


def test_search_leaves_out_what_the_member_may_not_see(space, member, other_member, moderator):
    private = services.space_create_private(owner=other_member, name="Secret")
    make_thread(private, other_member, body="Budget secrets in private")
    hidden = make_thread(space, other_member, body="Budget rant").posts.get()
    services.post_hide(post=hidden, moderator=moderator, reason="Rude")
    make_thread(space, moderator, body="Budget tips from Mo")
    assert _found(member, "budget") == ["Budget tips from Mo"]
    services.block_set(blocker=member, blocked=moderator, blocking=True)
    assert _found(member, "budget") == []
    assert _found(other_member, "budget") == ["Budget tips from Mo", "Budget secrets in private"]


def test_search_shows_pseudonyms_and_cannot_find_an_author_by_name(signed_in, space, other_member):
    make_thread(space, other_member, body="Procurement is broken", anonymous=True)
    page = signed_in.get(reverse("community:search"), {"q": "procurement"}).content.decode()
    assert "Anonymous 1" in page
    assert "Charlie" not in page
    assert _found(other_member, "Charlie Data") == []


@pytest.mark.parametrize(
    "query", ['"', "' OR 1=1 --", "NEAR(a b)", "*", "body:x", "a AND OR NOT", "x" * 200, "😀"]
)
def test_hostile_queries_are_answered_not_crashed(signed_in, space, member, query):
    make_thread(space, member, body="Plain words")
    response = signed_in.get(reverse("community:search"), {"q": query})
    assert response.status_code == 200


def test_an_empty_query_searches_nothing(signed_in):
    response = signed_in.get(reverse("community:search"), {"q": "  "})
    assert response.status_code == 200
    assert "posts found" not in response.content.decode()
