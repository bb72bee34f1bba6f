"""Sessions: a new key at sign-in, limits on idleness and age, sign-out that really ends them."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from oneteam.accounts.middleware import SEEN_KEY, STARTED_KEY
from tests.accounts.helpers import enter_code, last_code_sent_to, request_code, sign_in_by_code

pytestmark = pytest.mark.django_db


def test_session_key_changes_at_sign_in(member):
    client = Client()
    request_code(client, member.email)
    key_before = client.session.session_key

    enter_code(client, last_code_sent_to(member.email))

    assert client.session.session_key != key_before
    assert Session.objects.filter(session_key=key_before).exists() is False


def test_session_lifetime_is_hours_not_django_two_weeks():
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert settings.SESSION_IDLE_SECONDS == 120 * 60


def test_session_cookie_lasts_no_longer_than_the_absolute_limit(member):
    client = Client()

    sign_in_by_code(client, member.email)

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == 12 * 3600


def _signed_in_with_times(member, *, started_ago: int, seen_ago: int) -> Client:
    client = Client()
    client.force_login(member)
    session = client.session
    now = int(time.time())
    session[STARTED_KEY] = now - started_ago
    session[SEEN_KEY] = now - seen_ago
    session.save()
    return client


def test_session_within_both_limits_stays_signed_in(member):
    client = _signed_in_with_times(member, started_ago=3600, seen_ago=60)

    response = client.get(reverse("accounts:settings"))

    assert response.status_code == 200


def test_session_idle_past_the_limit_is_signed_out(member):
    old_key = None
    client = _signed_in_with_times(
        member, started_ago=3600, seen_ago=settings.SESSION_IDLE_SECONDS + 1
    )
    old_key = client.session.session_key

    response = client.get(reverse("accounts:settings"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Session.objects.filter(session_key=old_key).exists() is False


def test_session_past_the_absolute_limit_is_signed_out_even_when_active(member):
    client = _signed_in_with_times(member, started_ago=settings.SESSION_COOKIE_AGE + 1, seen_ago=5)

    response = client.get(reverse("accounts:settings"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_sign_out_page_on_get_asks_and_signs_nobody_out(member):
    client = Client()
    client.force_login(member)
    key = client.session.session_key

    response = client.get(reverse("account_logout"))

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Sign out</h1>' in response.content.decode()
    assert Session.objects.filter(session_key=key).exists() is True
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_sign_out_by_post_deletes_the_session_on_the_server(member):
    client = Client()
    client.force_login(member)
    key = client.session.session_key

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert Session.objects.filter(session_key=key).exists() is False


def test_stolen_cookie_is_useless_after_sign_out(member):
    client = Client()
    sign_in_by_code(client, member.email)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("account_logout"))

    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = stolen
    response = thief.get(reverse("accounts:settings"))

    assert response.status_code == 302


def test_sign_out_everywhere_ends_every_session_of_the_member(member, other_member):
    laptop, phone, someone_else = Client(), Client(), Client()
    sign_in_by_code(laptop, member.email)
    sign_in_by_code(phone, member.email)
    sign_in_by_code(someone_else, other_member.email)

    response = laptop.post(reverse("accounts:sign_out_everywhere"))

    assert response.status_code == 302
    assert laptop.get(reverse("accounts:settings")).status_code == 302
    assert phone.get(reverse("accounts:settings")).status_code == 302
    assert someone_else.get(reverse("accounts:settings")).status_code == 200


def test_sign_out_everywhere_refuses_get(member):
    client = Client()
    client.force_login(member)

    response = client.get(reverse("accounts:sign_out_everywhere"))

    assert response.status_code == 405
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_settings_page_offers_sign_out_everywhere_as_a_form(member):
    client = Client()
    client.force_login(member)

    html = client.get(reverse("accounts:settings")).content.decode()

    assert f'action="{reverse("accounts:sign_out_everywhere")}"' in html
    assert 'method="post"' in html


def test_sessions_page_lists_where_the_member_is_signed_in(member):
    client = Client()
    sign_in_by_code(client, member.email)

    response = client.get(reverse("usersessions_list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Where you are signed in</h1>' in html
    assert "This device" in html


def test_session_ended_for_idleness_says_why_on_the_next_page(member):
    client = _signed_in_with_times(
        member, started_ago=3600, seen_ago=settings.SESSION_IDLE_SECONDS + 1
    )

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "You were signed out to keep your account safe." in response.content.decode()
