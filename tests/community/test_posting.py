"""Threads and replies: posting, the code of conduct gate, and hostile input."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from oneteam.community import services
from oneteam.community.models import ConductAcceptance, Post, Sanction, Space, Thread
from tests.community.conftest import snapshot
from tests.community.helpers import accept_conduct, make_space, make_thread, reply

pytestmark = pytest.mark.django_db


def test_thread_create_posts_an_opening_post_under_the_member_name(signed_in, space, member):
    response = signed_in.post(
        reverse("community:thread_create", kwargs={"slug": space.slug}),
        {"title": "Lonely work", "body": "Anyone else *stuck*?"},
    )
    thread = Thread.objects.get()
    assert response["Location"] == reverse("community:thread", kwargs={"pk": thread.pk})
    page = signed_in.get(response["Location"]).content.decode()
    assert "Alice Policy" in page
    assert "<em>stuck</em>" in page
    assert thread.posts.get().author == member


def test_reply_bumps_the_thread_and_counts(space, member, other_member):
    thread = make_thread(space, member)
    before = thread.last_posted_at
    post = reply(thread, other_member)
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert thread.last_posted_at == post.created_at
    assert thread.last_posted_at >= before


def test_post_markdown_is_sanitised(signed_in, space, other_member):
    thread = make_thread(
        space, other_member, body="<script>alert(1)</script>[x](javascript:alert(1))"
    )
    page = signed_in.get(reverse("community:thread", kwargs={"pk": thread.pk})).content.decode()
    assert "<script>alert(1)" not in page
    assert 'href="javascript' not in page


def test_mention_links_to_the_profile(signed_in, space, other_member):
    thread = make_thread(space, other_member, body="Ask @alice about this")
    page = signed_in.get(reverse("community:thread", kwargs={"pk": thread.pk})).content.decode()
    assert f'href="{reverse("members:profile", kwargs={"handle": "alice"})}">@alice</a>' in page


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write something before posting"),
        ("   ", "Write something before posting"),
        ("x" * 100_001, "Posts can be at most 100,000 characters"),
    ],
)
def test_reply_with_bad_body_is_refused_and_stores_nothing(
    signed_in, space, other_member, body, message
):
    thread = make_thread(space, other_member)
    before = snapshot()
    response = signed_in.post(reverse("community:reply", kwargs={"pk": thread.pk}), {"body": body})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_service_refuses_100001_characters_in_words(space, member):
    accept_conduct(member)
    with pytest.raises(ValidationError) as refused:
        services.thread_create(space=space, user=member, title="Long", body="x" * 100_001)
    assert refused.value.messages == ["Your post is 100,001 characters long: the most is 100,000"]
    assert Thread.objects.count() == 0


def test_exactly_100000_characters_is_allowed(space, member):
    thread = make_thread(space, member, body="x" * 100_000)
    assert len(thread.posts.get().body) == 100_000


def test_posting_to_a_private_space_one_cannot_see_is_a_404_and_stores_nothing(
    signed_in, other_member
):
    private = services.space_create_private(owner=other_member, name="Secret")
    before = snapshot()
    response = signed_in.post(
        reverse("community:thread_create", kwargs={"slug": private.slug}),
        {"title": "Let me in", "body": "Hello"},
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_service_refuses_posting_to_a_space_one_cannot_see(member, other_member):
    accept_conduct(member)
    private = services.space_create_private(owner=other_member, name="Secret")
    with pytest.raises(ValidationError, match="You cannot post in that space"):
        services.thread_create(space=private, user=member, title="Hi", body="Hello")


def test_invited_member_sees_and_posts_in_a_private_space(client, member, other_member):
    private = services.space_create_private(owner=other_member, name="Secret")
    services.space_invite(space=private, by=other_member, user=member)
    thread = make_thread(private, member)
    assert thread.space == private
    client.force_login(member)
    assert client.get(reverse("community:space", kwargs={"slug": private.slug})).status_code == 200


def test_private_space_is_not_listed_to_outsiders(client, member, other_member):
    services.space_create_private(owner=other_member, name="Secret circle")
    client.force_login(member)
    assert "Secret circle" not in client.get(reverse("community:home")).content.decode()


def test_nothing_can_be_posted_before_the_code_is_accepted(client, space, member):
    client.force_login(member)
    url = reverse("community:thread_create", kwargs={"slug": space.slug})
    response = client.post(url, {"title": "Hi", "body": "Hello"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("community:conduct"))
    assert Thread.objects.count() == 0


def test_accepting_the_code_returns_the_member_to_where_they_were(client, space, member):
    client.force_login(member)
    back = reverse("community:thread_create", kwargs={"slug": space.slug})
    response = client.post(reverse("community:conduct"), {"accept": "on", "next": back})
    assert response["Location"] == back
    assert ConductAcceptance.objects.filter(user=member).count() == 1


def test_accepting_without_ticking_is_refused(client, member):
    client.force_login(member)
    response = client.post(reverse("community:conduct"), {})
    assert "Tick the box to accept the code of conduct" in response.content.decode()
    assert ConductAcceptance.objects.count() == 0


def test_a_new_version_must_be_accepted_again_before_posting(space, member):
    thread = make_thread(space, member)
    code = services.conduct_publish(text="Be kinder.", summary_of_changes="Kindness")
    assert code.version == 2
    with pytest.raises(services.ConductNotAccepted):
        services.reply_create(thread=thread, user=member, body="Still here")
    services.conduct_accept(user=member, code=code)
    assert services.reply_create(thread=thread, user=member, body="Still here").pk


def test_accepting_a_replaced_version_is_refused(member):
    from oneteam.community.selectors import current_code

    old = current_code()
    services.conduct_publish(text="Version two")
    with pytest.raises(ValidationError, match="has been replaced"):
        services.conduct_accept(user=member, code=old)


def test_every_space_links_to_the_code_of_conduct(signed_in, space, other_member):
    thread = make_thread(space, other_member)
    conduct = reverse("community:conduct")
    for url in (
        reverse("community:space", kwargs={"slug": space.slug}),
        reverse("community:thread", kwargs={"pk": thread.pk}),
        reverse("community:thread_create", kwargs={"slug": space.slug}),
    ):
        assert f'href="{conduct}"' in signed_in.get(url).content.decode(), url


def test_public_code_of_conduct_page_shows_the_current_version(client):
    services.conduct_publish(text="Version two says **this**.")
    page = client.get(reverse("code_of_conduct")).content.decode()
    assert "Version 2" in page
    assert "<strong>this</strong>" in page


def test_suspended_member_cannot_post_until_the_end(space, member, moderator):
    thread = make_thread(space, member)
    services.sanction_create(
        member=member, moderator=moderator, kind=Sanction.Kind.SUSPENSION, reason="Rude", days=7
    )
    with pytest.raises(ValidationError, match="You are suspended from posting until"):
        services.reply_create(thread=thread, user=member, body="Hello")
    Sanction.objects.update(until="2000-01-01T00:00Z")
    assert services.reply_create(thread=thread, user=member, body="Hello").pk


def test_banned_member_cannot_post(space, member, moderator):
    thread = make_thread(space, member)
    services.sanction_create(member=member, moderator=moderator, kind="ban", reason="Threats")
    with pytest.raises(ValidationError, match="banned"):
        services.reply_create(thread=thread, user=member, body="Hello")
    assert Post.objects.count() == 1


def test_chapter_space_is_open_to_every_member(client, chapter, member):
    space = Space.objects.create(
        slug="london-chat", name="London chat", kind="chapter", chapter=chapter
    )
    client.force_login(member)
    assert client.get(reverse("community:space", kwargs={"slug": space.slug})).status_code == 200


def test_empty_title_is_refused(space, member):
    accept_conduct(member)
    with pytest.raises(ValidationError, match="Give the thread a title"):
        services.thread_create(space=space, user=member, title="  ", body="Hello")
    assert Thread.objects.count() == 0


def test_make_space_helper_respects_anonymous_flag(db):
    assert make_space("closed", allow_anonymous=False).allow_anonymous is False


def test_a_reply_refused_for_a_new_code_comes_back_to_the_thread_after_accepting(
    signed_in, space, other_member
):
    # The reply address answers only POST: after accepting, the member lands on the thread.
    thread = make_thread(space, other_member)
    services.conduct_publish(text="A new version to accept.")

    answer = signed_in.post(
        reverse("community:reply", kwargs={"pk": thread.pk}), {"body": "Me too."}
    )

    thread_url = reverse("community:thread", kwargs={"pk": thread.pk})
    assert answer.status_code == 302
    assert answer["Location"] == f"{reverse('community:conduct')}?{urlencode({'next': thread_url})}"


def test_a_thread_page_with_a_hostile_cursor_shows_the_first_page(signed_in, space, other_member):
    thread = make_thread(space, other_member)

    answer = signed_in.get(reverse("community:thread", kwargs={"pk": thread.pk}), {"after": "²"})

    assert answer.status_code == 200
