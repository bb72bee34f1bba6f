"""Accountable anonymity: pseudonyms, the author's own view, the two-moderator reveal."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from oneteam.community import services
from oneteam.community.models import AuditEntry, Moderator, Post, Pseudonym, RevealRequest, Space
from tests.community.conftest import snapshot
from tests.community.helpers import accept_conduct, make_space, make_thread, reply
from tests.conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_moderator(db):
    return make_member("max@example.org", name="Max Moderator", is_moderator=True)


@pytest.fixture
def anonymous_post(space, member) -> Post:
    return make_thread(space, member, anonymous=True).posts.get()


def test_anonymous_post_stores_no_author(anonymous_post, member):
    assert anonymous_post.author is None
    assert anonymous_post.pseudonym_number == 1
    link = Pseudonym.objects.get()
    assert (link.user, link.thread_id, link.number) == (member, anonymous_post.thread_id, 1)


def test_pseudonyms_are_stable_within_a_thread_and_numbered_in_order(space, member, other_member):
    thread = make_thread(space, member, anonymous=True)
    second = reply(thread, other_member, anonymous=True)
    again = reply(thread, member, anonymous=True)
    named = reply(thread, member)
    assert (second.pseudonym_number, again.pseudonym_number) == (2, 1)
    assert named.author == member and named.pseudonym_number is None


def test_pseudonyms_start_again_in_another_thread(space, member, other_member):
    make_thread(space, other_member, anonymous=True)
    other = make_thread(space, member, anonymous=True, title="Another")
    assert other.posts.get().pseudonym_number == 1


def test_others_see_the_pseudonym_and_the_author_sees_it_is_theirs(
    client, anonymous_post, member, other_member
):
    url = reverse("community:thread", kwargs={"pk": anonymous_post.thread_id})
    client.force_login(other_member)
    theirs = client.get(url).content.decode()
    assert "Anonymous 1" in theirs
    assert "Your anonymous post" not in theirs
    client.force_login(member)
    mine = client.get(url).content.decode()
    assert "Anonymous 1" in mine
    assert "Your anonymous post" in mine


def test_anonymous_posting_is_refused_where_organisers_do_not_allow_it(member):
    closed = make_space("closed", allow_anonymous=False)
    accept_conduct(member)
    before = snapshot()
    with pytest.raises(ValidationError, match="does not allow anonymous posts"):
        services.thread_create(space=closed, user=member, title="T", body="B", anonymous=True)
    assert snapshot() == before


def test_anonymous_checkbox_only_shows_where_allowed(client, member):
    accept_conduct(member)
    client.force_login(member)
    open_space = make_space("open", allow_anonymous=True)
    closed = make_space("closed", allow_anonymous=False)
    page = client.get(reverse("community:thread_create", kwargs={"slug": open_space.slug}))
    assert 'name="anonymous"' in page.content.decode()
    page = client.get(reverse("community:thread_create", kwargs={"slug": closed.slug}))
    assert 'name="anonymous"' not in page.content.decode()


def test_anonymous_posting_is_rate_limited_per_member(space, member, other_member):
    thread = make_thread(space, member, anonymous=True)
    for _ in range(services.ANONYMOUS_POSTS_PER_HOUR - 1):
        reply(thread, member, anonymous=True)
    before = snapshot()
    with pytest.raises(ValidationError, match="posted anonymously 10 times in the last hour"):
        reply(thread, member, anonymous=True)
    assert snapshot() == before
    # Under their own name they may go on, and others are not held back by them.
    assert reply(thread, member).author == member
    assert reply(thread, other_member, anonymous=True).pseudonym_number == 2


def test_reveal_needs_two_different_moderators(anonymous_post, member, moderator, second_moderator):
    services.reveal_request(post=anonymous_post, moderator=moderator, reason="Threatened a member")
    assert services.revealed_author(post=anonymous_post, moderator=moderator) is None
    author = services.reveal_confirm(
        post=anonymous_post, moderator=second_moderator, reason="Agreed: threats"
    )
    assert author == member
    assert services.revealed_author(post=anonymous_post, moderator=moderator) == member
    reveal = RevealRequest.objects.get()
    assert (reveal.request_reason, reveal.confirm_reason) == (
        "Threatened a member",
        "Agreed: threats",
    )
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "moderator", "reason"))
    assert actions == [
        ("reveal_requested", moderator.pk, "Threatened a member"),
        ("revealed", second_moderator.pk, "Agreed: threats"),
    ]


def test_author_is_told_that_they_were_revealed_and_why(
    django_capture_on_commit_callbacks, anonymous_post, member, moderator, second_moderator
):
    services.reveal_request(post=anonymous_post, moderator=moderator, reason="Threats")
    with django_capture_on_commit_callbacks(execute=True):
        services.reveal_confirm(post=anonymous_post, moderator=second_moderator, reason="Agreed")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "Threats" in message.body and "Agreed" in message.body
    # The author learns why, not which moderators.
    assert "Mo Moderator" not in message.body and "Max Moderator" not in message.body


def test_a_moderator_cannot_reveal_alone(anonymous_post, moderator):
    services.reveal_request(post=anonymous_post, moderator=moderator, reason="Threats")
    before = snapshot()
    with pytest.raises(ValidationError, match="two different moderators"):
        services.reveal_confirm(post=anonymous_post, moderator=moderator, reason="Me again")
    assert snapshot() == before
    assert RevealRequest.objects.get().confirmed_by is None


def test_a_reveal_cannot_be_confirmed_without_a_request(anonymous_post, moderator):
    with pytest.raises(ValidationError, match="must ask for the reveal first"):
        services.reveal_confirm(post=anonymous_post, moderator=moderator, reason="Straight in")
    assert RevealRequest.objects.count() == 0


def test_a_reveal_cannot_happen_twice(anonymous_post, moderator, second_moderator):
    services.reveal_request(post=anonymous_post, moderator=moderator, reason="Threats")
    services.reveal_confirm(post=anonymous_post, moderator=second_moderator, reason="Agreed")
    before = snapshot()
    with pytest.raises(ValidationError, match="already been revealed"):
        services.reveal_confirm(post=anonymous_post, moderator=moderator, reason="Again")
    with pytest.raises(ValidationError, match="already been asked for"):
        services.reveal_request(post=anonymous_post, moderator=moderator, reason="Again")
    assert snapshot() == before


def test_a_reveal_needs_reasons(anonymous_post, moderator):
    with pytest.raises(ValidationError, match="Give a reason"):
        services.reveal_request(post=anonymous_post, moderator=moderator, reason="  ")
    assert RevealRequest.objects.count() == 0


def test_members_cannot_ask_for_a_reveal(anonymous_post, other_member):
    with pytest.raises(ValidationError, match="do not moderate"):
        services.reveal_request(post=anonymous_post, moderator=other_member, reason="Curious")


def test_reveal_through_the_pages_by_two_moderators(
    client, anonymous_post, moderator, second_moderator
):
    url = reverse("community:reveal", kwargs={"pk": anonymous_post.pk})
    page = reverse("community:moderate_post", kwargs={"pk": anonymous_post.pk})
    client.force_login(moderator)
    client.post(url, {"reveal-reason": "Threats"})
    same = client.post(url, {"reveal-reason": "Still me"})
    assert same.status_code == 400
    assert "two different moderators" in same.content.decode()
    assert "Alice Policy" not in client.get(page).content.decode()
    client.force_login(second_moderator)
    client.post(url, {"reveal-reason": "Agreed"})
    assert "written by Alice Policy" in client.get(page).content.decode()


def test_chapter_moderator_moderates_only_their_chapter(chapter, member, other_member):
    chapter_moderator = make_member("cm@example.org", name="Chapter Mod")
    Moderator.objects.create(user=chapter_moderator, chapter=chapter)
    local = Space.objects.create(
        slug="london", name="London", kind="chapter", chapter=chapter, allow_anonymous=True
    )
    community = make_space()
    local_post = make_thread(local, member, anonymous=True).posts.get()
    wide_post = make_thread(community, other_member, anonymous=True).posts.get()
    assert services.reveal_request(post=local_post, moderator=chapter_moderator, reason="R").pk
    with pytest.raises(ValidationError, match="do not moderate"):
        services.reveal_request(post=wide_post, moderator=chapter_moderator, reason="R")


def test_community_moderator_role_without_the_flag(member, space):
    from oneteam.community import rules

    wide = make_member("wide@example.org", name="Wide Mod")
    assert not rules.moderates_space(wide, space)
    Moderator.objects.create(user=wide, chapter=None)
    assert rules.moderates_space(wide, space)
    assert rules.is_community_moderator(wide)
