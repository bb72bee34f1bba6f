"""No GET to an account page changes anything: no account, address, session or email."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from oneteam.accounts.models import User
from tests.access import walk_urls
from tests.test_access import ROUTES, World, _url

ACCOUNT_ROUTES = sorted(
    entry.key
    for entry in walk_urls()
    if entry.pattern.startswith("accounts/") or entry.key.startswith("mailbox:")
)


def _state(member) -> dict:
    member.refresh_from_db()
    return {
        "users": list(User.objects.values_list("email", "is_active", "password").order_by("pk")),
        "addresses": list(EmailAddress.objects.values_list("email", "verified", "primary")),
        "sessions": set(Session.objects.values_list("session_key", flat=True)),
        "emails": len(mail.outbox),
    }


@pytest.fixture
def world(member, other_member, organiser, moderator, chapter, event, chapter_moderator) -> World:
    return World(member, other_member, organiser, moderator, chapter, event, chapter_moderator)


def test_every_account_route_is_checked():
    assert {"account_logout", "accounts:sign_out_everywhere", "usersessions_list"} <= set(
        ACCOUNT_ROUTES
    )


@pytest.mark.django_db
@pytest.mark.parametrize("key", ACCOUNT_ROUTES)
@pytest.mark.parametrize("signed_in", [True, False], ids=["member", "anonymous"])
def test_get_changes_nothing(key, signed_in, world):
    client = Client()
    if signed_in:
        client.force_login(world.member)
    client.get("/")  # let first-request bookkeeping (session timestamps) happen beforehand
    before = _state(world.member)

    client.get(_url(ROUTES[key], world))

    assert _state(world.member) == before
    if signed_in:
        assert client.session.get("_auth_user_id") == str(world.member.pk)
