"""The sign-in journey: email address, code by email, signed in; joining works the same way."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from oneteam.accounts.models import User
from tests.accounts.helpers import enter_code, last_code_sent_to, request_code, sign_in_by_code

pytestmark = pytest.mark.django_db


def test_sign_in_page_asks_for_an_email_address():
    response = Client().get(reverse("account_login"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Sign in or join</h1>' in html
    assert 'name="login"' in html
    assert 'autocomplete="email"' in html


def test_sign_in_by_code_for_a_member_signs_them_in_and_goes_home(member):
    client = Client()

    response = request_code(client, member.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")

    response = enter_code(client, last_code_sent_to(member.email))

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(member.pk)


def test_sign_in_by_code_verifies_the_address(member):
    sign_in_by_code(Client(), member.email)

    assert EmailAddress.objects.get(user=member).verified is True


def test_sign_in_by_code_for_a_new_address_creates_the_account_and_asks_for_a_profile():
    client = Client()

    response = sign_in_by_code(client, "newcomer@example.org")

    user = User.objects.get(email="newcomer@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response["Location"] == reverse("members:profile_edit")
    assert user.has_usable_password() is False
    assert EmailAddress.objects.get(user=user).verified is True


def test_code_confirmation_page_uses_govuk_markup(member):
    client = Client()
    request_code(client, member.email)

    response = client.get(reverse("account_confirm_login_code"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Enter your sign-in code</h1>' in html
    assert 'autocomplete="one-time-code"' in html
    assert 'class="govuk-input govuk-input--width-10"' in html


def test_wrong_code_shows_the_error_summary_naming_the_field(member):
    client = Client()
    request_code(client, member.email)

    response = enter_code(client, "BBBB-BBBB")

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert '<a href="#id_code">Incorrect code.</a>' in html
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "typed", ["{code}", "{lower}", " {code} ", "{nodash}", "{spaced}"], ids=str
)
def test_pasted_code_with_spaces_dashes_or_lower_case_is_accepted(member, typed):
    client = Client()
    request_code(client, member.email)
    code = last_code_sent_to(member.email)
    variants = {
        "code": code,
        "lower": code.lower(),
        "nodash": code.replace("-", ""),
        "spaced": " ".join(code.replace("-", "")),
    }

    enter_code(client, typed.format(**variants))

    assert client.session["_auth_user_id"] == str(member.pk)


def test_code_works_only_once(member):
    first = Client()
    request_code(first, member.email)
    code = last_code_sent_to(member.email)
    enter_code(first, code)
    first.post(reverse("account_logout"))

    second = Client()
    response = enter_code(second, code)

    assert "_auth_user_id" not in second.session
    assert response.status_code == 302
    assert response["Location"] == reverse("account_request_login_code")


def test_third_wrong_code_ends_the_attempt(member):
    client = Client()
    request_code(client, member.email)
    code = last_code_sent_to(member.email)
    for _ in range(3):
        enter_code(client, "BBBB-BBBB")

    response = enter_code(client, code)

    assert "_auth_user_id" not in client.session
    assert response["Location"] == reverse("account_request_login_code")


def test_sign_in_without_an_address_names_the_field():
    response = Client().post(reverse("account_login"), {"login": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_login">' in html


def test_join_page_creates_an_account_confirmed_by_code():
    client = Client()

    response = client.post(reverse("account_signup"), {"email": "joiner@example.org"})
    assert response.status_code == 302
    code = last_code_sent_to("joiner@example.org")
    response = client.post(reverse("account_email_verification_sent"), {"code": code})

    user = User.objects.get(email="joiner@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response["Location"] == reverse("members:profile_edit")


def test_code_email_names_the_service_and_says_how_long_the_code_lasts(member):
    request_code(Client(), member.email)

    message = mail.outbox[-1]
    assert message.subject == "[One Team] Your sign-in code"
    assert "Hello from One Team," in message.body
    assert "expires in 10 minutes" in message.body
