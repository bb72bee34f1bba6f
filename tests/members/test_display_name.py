"""A name others see: given once, kept on the profile; without one a member is "A member"."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from oneteam.accounts.models import User
from oneteam.members.models import Profile
from oneteam.members.selectors import has_display_name
from oneteam.members.services import profile_display_name_set
from tests.conftest import make_member

pytestmark = pytest.mark.django_db


def test_member_without_a_profile_reads_a_member_never_an_id():
    sam = User.objects.create_user(email="sam@example.org")

    assert (str(sam), has_display_name(sam)) == ("A member", False)


def test_profile_display_name_set_makes_a_profile_with_a_handle():
    sam = User.objects.create_user(email="sam@example.org")

    profile = profile_display_name_set(user=sam, display_name="  Sam Walker ")

    assert (profile.display_name, profile.handle) == ("Sam Walker", "sam-walker")
    assert (str(sam), has_display_name(sam)) == ("Sam Walker", True)


def test_profile_display_name_set_changes_only_the_name(member):
    Profile.objects.filter(user=member).update(display_name="")

    profile_display_name_set(user=User.objects.get(pk=member.pk), display_name="Alice P")

    profile = Profile.objects.get(user=member)
    assert (profile.display_name, profile.handle, profile.organisation) == (
        "Alice P",
        "alice",
        "Department for Examples",
    )


def test_profile_display_name_set_refuses_an_over_long_name():
    sam = make_member("sam@example.org", name="", handle="sam")

    with pytest.raises(ValidationError) as refused:
        profile_display_name_set(user=sam, display_name="S" * 81)

    assert list(refused.value.message_dict) == ["display_name"]
    assert Profile.objects.get(user=sam).display_name == ""
