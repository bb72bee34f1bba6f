"""Signing in shows one success banner, naming the person in their words (never "User 12")."""

from __future__ import annotations

import pytest
from django.contrib.messages import SUCCESS
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import enter_code, last_code_sent_to, request_code

pytestmark = pytest.mark.django_db


def _banners_after_sign_in(address: str) -> list[tuple[int, str]]:
    client = Client()
    request_code(client, address)
    client.get(reverse("account_confirm_login_code"))  # where "a code was sent" is shown
    response = enter_code(client, last_code_sent_to(address))
    landing = client.get(response["Location"])
    return [(message.level, str(message)) for message in landing.context["messages"]]


def test_first_sign_in_shows_a_single_banner_saying_they_are_signed_in():
    assert _banners_after_sign_in("newcomer@example.org") == [(SUCCESS, "You are signed in.")]


def test_member_signing_in_is_named_by_their_profile(member):
    name = member.profile.display_name

    assert _banners_after_sign_in(member.email) == [(SUCCESS, f"You are signed in as {name}.")]
