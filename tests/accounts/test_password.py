"""A password is optional: members who sign in by code may set one on a GOV.UK page."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def signed_in(member) -> Client:
    EmailAddress.objects.filter(user=member).update(verified=True)
    client = Client()
    client.force_login(member)
    return client


def test_set_password_page_uses_govuk_fields(signed_in):
    html = signed_in.get(reverse("account_set_password")).content.decode()

    assert '<h1 class="govuk-heading-l">' in html
    assert 'class="govuk-input"' in html
    assert "placeholder=" not in html


def test_mismatched_passwords_are_named_in_the_error_summary(signed_in, member):
    response = signed_in.post(
        reverse("account_set_password"), {"password1": PASSPHRASE, "password2": "something else"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'href="#id_password2"' in html
    member.refresh_from_db()
    assert member.has_usable_password() is False


def test_password_once_set_signs_the_member_in(signed_in, member):
    signed_in.post(
        reverse("account_set_password"), {"password1": PASSPHRASE, "password2": PASSPHRASE}
    )
    client = Client()

    client.post(reverse("account_login"), {"login": member.email, "password": PASSPHRASE})

    member.refresh_from_db()
    assert member.has_usable_password() is True
    assert client.session["_auth_user_id"] == str(member.pk)
