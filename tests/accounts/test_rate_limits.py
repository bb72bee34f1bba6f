"""Asking for codes is limited per address and per IP; past the limit the answer is 429."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import request_code

pytestmark = pytest.mark.django_db


def test_fourth_code_request_for_one_address_in_a_minute_is_429(member):
    answers = [
        request_code(Client(), member.email, ip=f"203.0.113.{n}").status_code for n in range(4)
    ]

    assert answers == [302, 302, 302, 429]


def test_429_page_says_what_to_do_on_a_govuk_page(member):
    for n in range(3):
        request_code(Client(), member.email, ip=f"203.0.113.{n}")

    response = request_code(Client(), member.email, ip="203.0.113.99")

    html = response.content.decode()
    assert response.status_code == 429
    assert '<h1 class="govuk-heading-l">Too many attempts</h1>' in html
    assert "govuk-template" in html


def test_limit_for_one_address_leaves_other_addresses_alone(member, other_member):
    for n in range(4):
        request_code(Client(), member.email, ip=f"203.0.113.{n}")

    response = request_code(Client(), other_member.email, ip="203.0.113.50")

    assert response.status_code == 302


def test_eleventh_code_request_from_one_ip_in_a_minute_is_429(db):
    answers = [
        request_code(Client(), f"person{n}@example.org", ip="198.51.100.1").status_code
        for n in range(11)
    ]

    assert answers == [302] * 10 + [429]


def test_twenty_first_sign_in_post_from_one_ip_in_a_minute_is_429(db):
    client = Client()
    answers = [
        client.post(
            reverse("account_login"), {"login": "", "password": ""}, REMOTE_ADDR="198.51.100.2"
        ).status_code
        for _ in range(21)
    ]

    assert answers == [200] * 20 + [429]


def test_request_code_page_is_limited_per_address_too(member):
    url = reverse("account_request_login_code")
    answers = [
        Client().post(url, {"email": member.email}, REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(4)
    ]

    assert answers == [302, 302, 302, 429]
