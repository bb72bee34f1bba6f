import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.members.models import Profile


def _url(handle):
    return reverse("members:profile", kwargs={"handle": handle})


@pytest.mark.django_db
def test_profile_shows_fields_to_other_member(client, member, other_member):
    Profile.objects.filter(user=member).update(
        pronouns="she/her",
        role="Policy adviser",
        ask_me_about="Spending reviews",
        working_to_change="Policy made with users",
    )
    client.force_login(other_member)

    response = client.get(_url("alice"))

    body = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Alice Policy",
        "she/her",
        "Policy adviser",
        "Department for Examples",
        "Spending reviews",
        "Policy made with users",
        "govuk-tag--blue",
    ):
        assert text in body, text


@pytest.mark.django_db
def test_profile_members_only_redirects_anonymous_to_sign_in(client, member):
    response = client.get(_url("alice"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.django_db
def test_profile_unknown_handle_redirects_anonymous_like_a_private_one(client, member):
    private = client.get(_url("alice"))
    unknown = client.get(_url("nobody-here"))

    assert (unknown.status_code, unknown["Location"].split("?")[0]) == (
        private.status_code,
        private["Location"].split("?")[0],
    )


@pytest.mark.django_db
def test_profile_unknown_handle_is_404_for_member(client, member):
    client.force_login(member)

    response = client.get(_url("nobody-here"))

    assert response.status_code == 404


@pytest.mark.django_db
def test_profile_public_is_visible_to_anonymous(client, member):
    Profile.objects.filter(user=member).update(visibility=Profile.Visibility.PUBLIC)

    response = client.get(_url("alice"))

    assert response.status_code == 200
    assert "Alice Policy" in response.content.decode()


@pytest.mark.django_db
def test_profile_of_deactivated_user_is_404(client, member, other_member):
    other_member.is_active = False
    other_member.save()
    client.force_login(member)

    response = client.get(_url("charlie"))

    assert response.status_code == 404


@pytest.mark.django_db
def test_profile_shows_organiser_and_moderator_roles(client, member, organiser, moderator):
    ChapterMembership.objects.create(user=moderator, chapter=Chapter.objects.get(slug="london"))
    client.force_login(member)

    organiser_page = client.get(_url("olu")).content.decode()
    moderator_page = client.get(_url("mo")).content.decode()

    assert "Organiser of London" in organiser_page
    assert "Moderator" not in organiser_page
    assert "Moderator" in moderator_page
    assert "<li>London</li>" in moderator_page


@pytest.mark.django_db
def test_profile_shows_demo_tag_for_demo_profile(client, member, other_member):
    Profile.objects.filter(user=other_member).update(is_demo=True)
    client.force_login(member)

    demo = client.get(_url("charlie")).content.decode()
    real = client.get(_url("alice")).content.decode()

    assert ">Demo</strong>" in demo
    assert ">Demo</strong>" not in real


@pytest.mark.django_db
def test_profile_offers_edit_link_only_to_owner(client, member, other_member):
    client.force_login(member)
    edit_url = reverse("members:profile_edit")

    own = client.get(_url("alice")).content.decode()
    other = client.get(_url("charlie")).content.decode()

    assert f'href="{edit_url}">Edit your profile' in own
    assert f'href="{edit_url}">Edit your profile' not in other


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["other_member", "organiser", "moderator", "anonymous"])
def test_members_pages_never_show_email_to_others(client, member, viewer, request):
    Profile.objects.filter(user=member).update(visibility=Profile.Visibility.PUBLIC)
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    pages = [_url("alice")]
    if viewer != "anonymous":
        pages += [reverse("members:directory"), reverse("members:directory") + "?q=alice"]

    bodies = [client.get(page).content.decode() for page in pages]

    assert all(response_body.count("Alice Policy") >= 1 for response_body in bodies)
    assert [member.email in response_body for response_body in bodies] == [False] * len(pages)


@pytest.mark.django_db
def test_profile_own_page_does_not_show_own_email(client, member):
    client.force_login(member)

    response = client.get(_url("alice"))

    assert member.email not in response.content.decode()


@pytest.mark.django_db
def test_profile_post_is_not_allowed(client, member):
    client.force_login(member)

    response = client.post(_url("alice"))

    assert response.status_code == 405


@pytest.mark.django_db
def test_profile_query_count_is_same_for_one_and_three_chapters(
    client, member, other_member, django_assert_num_queries
):
    chapters = [Chapter.objects.create(slug=f"c{n}", name=f"Chapter {n}") for n in range(3)]
    ChapterMembership.objects.create(user=other_member, chapter=chapters[0])
    client.force_login(member)
    client.get(_url("charlie"))
    with CaptureQueriesContext(connection) as with_one:
        client.get(_url("charlie"))
    for chapter in chapters[1:]:
        ChapterMembership.objects.create(user=other_member, chapter=chapter)

    with django_assert_num_queries(len(with_one)):
        response = client.get(_url("charlie"))

    assert [f"<li>Chapter {n}</li>" in response.content.decode() for n in range(3)] == [True] * 3
