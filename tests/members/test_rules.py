import pytest
from django.contrib.auth.models import AnonymousUser

from oneteam.chapters.models import Chapter
from oneteam.members import rules
from oneteam.members.models import Profile


@pytest.mark.django_db
def test_is_organiser_of_only_for_the_organised_chapter(organiser, member, chapter):
    leeds = Chapter.objects.create(slug="leeds", name="Leeds")

    assert [
        rules.is_organiser_of(organiser, chapter),
        rules.is_organiser_of(organiser, leeds),
        rules.is_organiser_of(member, chapter),
        rules.is_organiser_of(AnonymousUser(), chapter),
    ] == [True, False, False, False]


@pytest.mark.django_db
def test_is_moderator_only_for_flagged_active_user(moderator, member):
    assert [rules.is_moderator(moderator), rules.is_moderator(member)] == [True, False]
    moderator.is_active = False
    assert rules.is_moderator(moderator) is False


@pytest.mark.django_db
def test_can_view_profile_matrix(member, other_member):
    private = member.profile
    public = other_member.profile
    public.visibility = Profile.Visibility.PUBLIC
    anonymous = AnonymousUser()

    assert [
        rules.can_view_profile(anonymous, private),
        rules.can_view_profile(anonymous, public),
        rules.can_view_profile(other_member, private),
    ] == [False, True, True]


@pytest.mark.django_db
def test_can_edit_profile_only_own(member, other_member, admin_user):
    assert [
        rules.can_edit_profile(member, member.profile),
        rules.can_edit_profile(other_member, member.profile),
        rules.can_edit_profile(admin_user, member.profile),
        rules.can_edit_profile(AnonymousUser(), member.profile),
    ] == [True, False, False, False]


@pytest.mark.django_db
def test_can_see_email_only_owner_and_admin(member, other_member, moderator, admin_user):
    assert [
        rules.can_see_email(member, member),
        rules.can_see_email(admin_user, member),
        rules.can_see_email(other_member, member),
        rules.can_see_email(moderator, member),
        rules.can_see_email(AnonymousUser(), member),
    ] == [True, True, False, False, False]
