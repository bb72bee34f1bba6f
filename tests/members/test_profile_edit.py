from urllib.parse import quote

import pytest
from django.urls import reverse

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.members.models import Discipline, Profile

URL = reverse("members:profile_edit")


def _form_data(**overrides):
    data = {
        "display_name": "Nia Newcomer",
        "handle": "",
        "pronouns": "she/her",
        "discipline": str(Discipline.objects.get(slug="design").pk),
        "organisation": "Leeds City Council",
        "role": "Service designer",
        "ask_me_about": "Co-design with residents",
        "working_to_change": "Services that start from people's lives",
        "visibility": Profile.Visibility.MEMBERS,
    }
    data.update(overrides)
    return data


@pytest.fixture
def newcomer(db):
    return User.objects.create_user(email="nia@example.org")


@pytest.mark.django_db
def test_profile_edit_shows_create_form_without_profile(client, newcomer):
    client.force_login(newcomer)

    response = client.get(URL)

    assert response.status_code == 200
    assert "Create your profile" in response.content.decode()


@pytest.mark.django_db
def test_profile_edit_post_creates_profile_with_handle_from_name(client, newcomer):
    client.force_login(newcomer)

    response = client.post(URL, _form_data())

    profile = Profile.objects.get(user=newcomer)
    assert response.status_code == 302
    # A newcomer's profile leads on to the code of conduct, and from there to the profile.
    profile_url = reverse("members:profile", kwargs={"handle": "nia-newcomer"})
    assert (
        response["Location"] == f"{reverse('community:conduct')}?next={quote(profile_url, safe='')}"
    )
    assert (profile.handle, profile.discipline.slug, profile.role) == (
        "nia-newcomer",
        "design",
        "Service designer",
    )


@pytest.mark.django_db
def test_profile_edit_post_suggests_next_free_handle_when_name_taken(client, newcomer):
    from tests.conftest import make_member

    make_member("other.nia@example.org", name="Nia Newcomer", handle="nia-newcomer")
    client.force_login(newcomer)

    client.post(URL, _form_data())

    assert Profile.objects.get(user=newcomer).handle == "nia-newcomer-2"


@pytest.mark.django_db
def test_profile_edit_shows_existing_values_for_member(client, member):
    client.force_login(member)

    response = client.get(URL)

    body = response.content.decode()
    assert "Edit your profile" in body
    assert 'value="Alice Policy"' in body


@pytest.mark.django_db
def test_profile_edit_post_updates_existing_profile(client, member):
    client.force_login(member)

    client.post(URL, _form_data(display_name="Alice P", handle="alice"))

    member.profile.refresh_from_db()
    assert (member.profile.display_name, member.profile.handle) == ("Alice P", "alice")
    assert Profile.objects.filter(user=member).count() == 1


@pytest.mark.django_db
def test_profile_edit_rejects_taken_handle_naming_the_field(client, member, other_member):
    client.force_login(member)

    response = client.post(URL, _form_data(handle=other_member.profile.handle))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_handle"' in body
    assert "Profile address &#x27;charlie&#x27; is already taken" in body
    member.profile.refresh_from_db()
    assert member.profile.handle == "alice"


@pytest.mark.django_db
def test_profile_edit_rejects_reserved_handle_me(client, member):
    client.force_login(member)

    response = client.post(URL, _form_data(handle="me"))

    assert response.status_code == 200
    assert "already taken" in response.content.decode()


@pytest.mark.django_db
def test_profile_edit_rejects_handle_with_spaces(client, member):
    client.force_login(member)

    response = client.post(URL, _form_data(handle="Alice Policy"))

    assert response.status_code == 200
    assert "only lowercase letters, numbers and hyphens" in response.content.decode()


@pytest.mark.django_db
def test_profile_edit_keeps_typed_values_when_invalid(client, newcomer):
    client.force_login(newcomer)

    response = client.post(URL, _form_data(display_name="", role="Head of data"))

    body = response.content.decode()
    assert "Enter your display name" in body
    assert 'value="Head of data"' in body
    assert not Profile.objects.filter(user=newcomer).exists()


@pytest.mark.django_db
def test_profile_edit_requires_discipline(client, newcomer):
    client.force_login(newcomer)

    response = client.post(URL, _form_data(discipline=""))

    body = response.content.decode()
    assert '<a href="#id_discipline_0">Select your primary discipline</a>' in body
    assert 'id="id_discipline_0"' in body


@pytest.mark.django_db
def test_profile_edit_sets_followed_chapters(client, member, chapter):
    leeds = Chapter.objects.create(slug="leeds", name="Leeds")
    client.force_login(member)

    client.post(URL, _form_data(chapters=[str(chapter.pk), str(leeds.pk)]))
    client.post(URL, _form_data(chapters=[str(leeds.pk)]))

    followed = ChapterMembership.objects.filter(user=member).values_list("chapter__slug", "role")
    assert list(followed) == [("leeds", "member")]


@pytest.mark.django_db
def test_profile_edit_never_removes_organiser_membership(client, organiser, chapter):
    leeds = Chapter.objects.create(slug="leeds", name="Leeds")
    client.force_login(organiser)

    response = client.post(URL, _form_data(chapters=[str(leeds.pk)]))

    assert response.status_code == 302
    roles = dict(
        ChapterMembership.objects.filter(user=organiser).values_list("chapter__slug", "role")
    )
    assert roles == {"london": "organiser", "leeds": "member"}


@pytest.mark.django_db
def test_profile_edit_does_not_offer_organised_chapter(client, organiser, chapter):
    Chapter.objects.create(slug="leeds", name="Leeds")
    client.force_login(organiser)

    response = client.get(URL)

    offered = response.context["form"].fields["chapters"].queryset
    assert [c.slug for c in offered] == ["leeds"]

    assert "You organise London" in response.content.decode()


@pytest.mark.django_db
def test_profile_edit_never_shows_email(client, member):
    client.force_login(member)

    response = client.get(URL)

    assert member.email not in response.content.decode()


@pytest.mark.django_db
def test_profile_edit_ticks_followed_chapters(client, member, chapter):
    ChapterMembership.objects.create(user=member, chapter=chapter)
    client.force_login(member)

    response = client.get(URL)

    assert (
        f'value="{chapter.pk}" class="govuk-checkboxes__input" id="id_chapters_0" checked'
    ) in response.content.decode()
