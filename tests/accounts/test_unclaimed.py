"""Accounts made by asking for a code that nobody entered are cleared away after a day."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from oneteam.accounts.models import User
from oneteam.accounts.services import users_delete_unclaimed
from tests.accounts.helpers import request_code, sign_in_by_code

pytestmark = pytest.mark.django_db


def _age(email: str, *, days: int) -> None:
    User.objects.filter(email=email).update(date_joined=timezone.now() - timedelta(days=days))


def test_unentered_code_leaves_an_account_deleted_after_a_day():
    request_code(Client(), "typo@example.org")
    _age("typo@example.org", days=2)

    deleted = users_delete_unclaimed(older_than=timedelta(days=1))

    assert deleted == 1
    assert User.objects.filter(email="typo@example.org").exists() is False
    assert EmailAddress.objects.filter(email="typo@example.org").exists() is False


def test_recent_unclaimed_account_is_kept_while_its_code_may_still_arrive():
    request_code(Client(), "slow.mail@example.org")

    assert users_delete_unclaimed(older_than=timedelta(days=1)) == 0
    assert User.objects.filter(email="slow.mail@example.org").exists() is True


def test_claimed_accounts_members_with_profiles_and_staff_are_kept(member, admin_user):
    sign_in_by_code(Client(), "joined@example.org")
    for email in ("joined@example.org", member.email, admin_user.email):
        _age(email, days=30)

    assert users_delete_unclaimed(older_than=timedelta(days=1)) == 0
    assert User.objects.count() == 3


def test_command_reports_how_many_it_deleted():
    request_code(Client(), "typo@example.org")
    _age("typo@example.org", days=2)
    out = StringIO()

    call_command("delete_unclaimed_accounts", stdout=out)

    assert out.getvalue().strip() == "Deleted 1 unclaimed account(s)."
