"""Reactions are set, not toggled; blocks hide both ways and stop mentions and pairing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from oneteam.community import selectors, services
from oneteam.community.models import Block, Reaction
from tests.community.conftest import snapshot
from tests.community.helpers import accept_conduct, make_thread, reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(space, other_member):
    return make_thread(space, other_member).posts.get()


def test_reacting_counts_once_and_a_second_time_says_so(signed_in, post):
    url = reverse("community:react", kwargs={"pk": post.pk})
    signed_in.post(url, {"kind": "got_your_back"})
    before = snapshot()
    signed_in.post(url, {"kind": "got_your_back"})
    assert snapshot() == before
    page = signed_in.get(reverse("community:thread", kwargs={"pk": post.thread_id}))
    assert "You had already reacted “Got your back” to this post." in page.content.decode()
    assert Reaction.objects.get().kind == "got_your_back"


def test_reactions_of_different_kinds_and_removal(post, member):
    accept_conduct(member)
    services.reaction_set(post=post, user=member, kind="thanks", reacted=True)
    services.reaction_set(post=post, user=member, kind="me_too", reacted=True)
    state = services.reaction_set(post=post, user=member, kind="thanks", reacted=False)
    assert state.changed
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["me_too"]


def test_unknown_reaction_is_refused(post, member):
    accept_conduct(member)
    with pytest.raises(ValidationError, match="Choose thanks, me too or got your back"):
        services.reaction_set(post=post, user=member, kind="angry", reacted=True)
    assert Reaction.objects.count() == 0


def test_reaction_fragment_for_htmx(signed_in, post):
    response = signed_in.post(
        reverse("community:react", kwargs={"pk": post.pk}),
        {"kind": "thanks"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.startswith('<div class="govuk-button-group ot-reactions"')
    assert 'aria-pressed="true"' in html


def test_blocking_oneself_is_refused(client, member):
    client.force_login(member)
    response = client.post(reverse("community:block", kwargs={"handle": "alice"}), follow=True)
    assert "You cannot block yourself" in response.content.decode()
    assert Block.objects.count() == 0


def test_blocking_twice_changes_nothing(member, other_member):
    assert services.block_set(blocker=member, blocked=other_member, blocking=True)
    assert not services.block_set(blocker=member, blocked=other_member, blocking=True)
    assert Block.objects.count() == 1


def test_neither_sees_the_other_posts(client, space, member, other_member, organiser):
    thread = make_thread(space, organiser)
    reply(thread, member, "From Alice")
    reply(thread, other_member, "From Charlie")
    services.block_set(blocker=member, blocked=other_member, blocking=True)
    url = reverse("community:thread", kwargs={"pk": thread.pk})
    client.force_login(member)
    alice_sees = client.get(url).content.decode()
    client.force_login(other_member)
    charlie_sees = client.get(url).content.decode()
    client.force_login(organiser)
    olu_sees = client.get(url).content.decode()
    assert "From Charlie" not in alice_sees and "From Alice" in alice_sees
    assert "From Alice" not in charlie_sees and "From Charlie" in charlie_sees
    assert "From Alice" in olu_sees and "From Charlie" in olu_sees


def test_blocked_members_cannot_mention_each_other(space, member, other_member):
    thread = make_thread(space, member)
    services.block_set(blocker=member, blocked=other_member, blocking=True)
    accept_conduct(other_member)
    before = snapshot()
    with pytest.raises(ValidationError, match="You cannot mention @alice"):
        services.reply_create(thread=thread, user=other_member, body="Hey @alice")
    with pytest.raises(ValidationError, match="You cannot mention @charlie"):
        services.reply_create(thread=thread, user=member, body="Hey @charlie")
    assert snapshot() == before


def test_blocked_pairs_for_the_pairing_feature(member, other_member, organiser):
    services.block_set(blocker=member, blocked=other_member, blocking=True)
    services.block_set(blocker=organiser, blocked=member, blocking=True)
    assert selectors.blocked_pairs() == {
        frozenset({member.pk, other_member.pk}),
        frozenset({organiser.pk, member.pk}),
    }


def test_unblocking_through_the_page(client, member, other_member):
    services.block_set(blocker=member, blocked=other_member, blocking=True)
    client.force_login(member)
    assert "Charlie Data" in client.get(reverse("community:blocks")).content.decode()
    client.post(reverse("community:block", kwargs={"handle": "charlie"}), {"blocking": "false"})
    assert Block.objects.count() == 0


def test_cannot_invite_a_blocked_member_to_a_private_space(member, other_member):
    private = services.space_create_private(owner=member, name="Circle")
    services.block_set(blocker=other_member, blocked=member, blocking=True)
    with pytest.raises(ValidationError, match="cannot invite"):
        services.space_invite(space=private, by=member, user=other_member)
