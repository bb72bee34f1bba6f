import pytest
from django.core.exceptions import ValidationError

from oneteam.accounts.models import User
from oneteam.members.models import Discipline, Profile
from oneteam.members.services import handle_suggest, profile_save


@pytest.mark.django_db
def test_handle_suggest_skips_taken_and_reserved_handles(member):
    Profile.objects.filter(user=member).update(handle="ada-lovelace")

    assert handle_suggest(display_name="Ada Lovelace") == "ada-lovelace-2"
    assert handle_suggest(display_name="Me") == "me-2"
    assert handle_suggest(display_name="!!!") == "member"


@pytest.mark.django_db
def test_handle_suggest_keeps_own_handle(member):
    assert handle_suggest(display_name="Alice", user=member) == "alice"


@pytest.mark.django_db
def test_handle_suggest_stays_within_max_length(db):
    handle = handle_suggest(display_name="x" * 100)

    assert len(handle) == 40


@pytest.mark.django_db
def test_profile_save_creates_then_updates_one_profile(db):
    user = User.objects.create_user(email="sam@example.org")
    data = Discipline.objects.get(slug="data")

    created = profile_save(user=user, display_name=" Sam Analyst ", discipline=data)
    updated = profile_save(user=user, display_name="Sam A", discipline=data, role="Analyst")

    assert (created.pk, created.handle, created.display_name) == (
        updated.pk,
        "sam-analyst",
        "Sam Analyst",
    )
    assert (updated.handle, updated.role, Profile.objects.filter(user=user).count()) == (
        "sam-analyst",
        "Analyst",
        1,
    )


@pytest.mark.django_db
def test_profile_save_rejects_duplicate_handle(member, other_member):
    with pytest.raises(ValidationError) as raised:
        profile_save(
            user=other_member,
            display_name="Charlie",
            discipline=None,
            handle=member.profile.handle,
        )

    assert "handle" in raised.value.message_dict
