"""Staff manage people in the Django admin by email address."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from oneteam.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def test_user_list_shows_and_searches_by_email(admin_client_, member, other_member):
    response = admin_client_.get(reverse("admin:accounts_user_changelist"), {"q": "alice"})

    html = response.content.decode()
    assert response.status_code == 200
    assert member.email in html
    assert other_member.email not in html


def test_user_change_page_opens(admin_client_, member):
    response = admin_client_.get(reverse("admin:accounts_user_change", args=[member.pk]))

    assert response.status_code == 200
    assert member.email in response.content.decode()


def test_adding_a_user_needs_only_an_email_and_records_the_address(admin_client_):
    response = admin_client_.post(
        reverse("admin:accounts_user_add"), {"email": "New.Person@Example.org"}
    )

    user = User.objects.get(email="new.person@example.org")
    assert response.status_code == 302
    assert user.has_usable_password() is False
    assert EmailAddress.objects.get(user=user).email == "new.person@example.org"


def test_adding_a_user_with_a_taken_address_names_the_field(admin_client_, member):
    response = admin_client_.post(reverse("admin:accounts_user_add"), {"email": member.email})

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.filter(email=member.email).count() == 1


def test_members_cannot_open_the_user_admin(member):
    client = Client()
    client.force_login(member)

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
