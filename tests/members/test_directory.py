import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.accounts.models import User
from oneteam.members.models import Profile
from oneteam.members.views import DIRECTORY_PAGE_SIZE
from tests.conftest import make_member

URL = reverse("members:directory")


def _names(response):
    return [profile.display_name for profile in response.context["page_obj"].object_list]


@pytest.mark.django_db
def test_directory_lists_members_by_name(client, member, other_member, moderator):
    client.force_login(member)

    response = client.get(URL)

    assert _names(response) == ["Alice Policy", "Charlie Data", "Mo Moderator"]


@pytest.mark.django_db
def test_directory_search_matches_name_organisation_and_ask_me_about(
    client, member, other_member, moderator
):
    Profile.objects.filter(user=other_member).update(organisation="Office for Statistics")
    Profile.objects.filter(user=moderator).update(ask_me_about="Running statistics clinics")
    client.force_login(member)

    by_org = client.get(URL, {"q": "statistics"})
    by_name = client.get(URL, {"q": "alice"})

    assert _names(by_org) == ["Charlie Data", "Mo Moderator"]
    assert _names(by_name) == ["Alice Policy"]


@pytest.mark.django_db
def test_directory_search_requires_every_word(client, member, other_member):
    client.force_login(member)

    response = client.get(URL, {"q": "charlie policy"})

    assert _names(response) == []
    assert "No members match your search" in response.content.decode()


@pytest.mark.django_db
def test_directory_filters_by_disciplines(client, member, other_member, moderator):
    client.force_login(member)

    response = client.get(URL, {"discipline": ["data", "design"]})

    assert _names(response) == ["Charlie Data", "Mo Moderator"]


@pytest.mark.django_db
def test_directory_ignores_unknown_discipline_with_error(client, member, other_member):
    client.force_login(member)

    response = client.get(URL, {"discipline": ["astrology"]})

    assert response.status_code == 200
    # The error summary links to the first checkbox, as the GOV.UK pattern asks.
    assert 'href="#id_discipline_0"' in response.content.decode()


@pytest.mark.django_db
def test_directory_hides_deactivated_users(client, member, other_member):
    other_member.is_active = False
    other_member.save()
    client.force_login(member)

    response = client.get(URL)

    assert _names(response) == ["Alice Policy"]


@pytest.mark.django_db
def test_directory_paginates_and_keeps_filters_in_links(client, member):
    for number in range(DIRECTORY_PAGE_SIZE + 1):
        make_member(f"p{number}@example.org", name=f"Policy Person {number:02d}")
    client.force_login(member)

    first = client.get(URL, {"q": "person"})
    second = client.get(URL, {"q": "person", "page": 2})

    assert len(_names(first)) == DIRECTORY_PAGE_SIZE
    assert _names(second) == [f"Policy Person {DIRECTORY_PAGE_SIZE:02d}"]
    assert 'href="?q=person&amp;page=2"' in first.content.decode()
    assert 'class="govuk-pagination"' in first.content.decode()


@pytest.mark.django_db
def test_directory_htmx_request_gets_results_fragment_only(client, member, other_member):
    client.force_login(member)

    response = client.get(
        URL, {"q": "charlie"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )

    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "Charlie Data" in body
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]
    assert '<div id="results-status" hx-swap-oob="innerHTML">1 member found</div>' in body


@pytest.mark.django_db
def test_directory_plain_request_is_full_page(client, member):
    client.force_login(member)

    response = client.get(URL, {"q": "alice"})

    body = response.content.decode()
    assert "<html" in body
    assert '<div id="results"' in body
    assert 'hx-get="' in body


@pytest.mark.django_db
def test_directory_query_count_is_same_for_one_and_three_profiles(
    client, member, django_assert_num_queries
):
    client.force_login(member)
    client.get(URL)  # the first request of a session writes session rows; measure the next
    with CaptureQueriesContext(connection) as with_one:
        client.get(URL)
    make_member("bea@example.org", name="Bea Data", discipline="data")
    make_member("cal@example.org", name="Cal Design", discipline="design")

    with django_assert_num_queries(len(with_one)):
        response = client.get(URL)

    assert len(_names(response)) == 3


@pytest.mark.django_db
def test_directory_discipline_filter_renders_ticked_govuk_checkboxes(client, member):
    client.force_login(member)

    response = client.get(URL, {"discipline": ["data"]})

    body = response.content.decode()
    assert (
        'type="checkbox" name="discipline" value="data" class="govuk-checkboxes__input" '
        'id="id_discipline_3" checked'
    ) in body
    assert "govuk-radios__input" not in body


@pytest.mark.django_db
def test_directory_invites_member_without_profile_to_create_one(client, member):
    newcomer = User.objects.create_user(email="new@example.org")
    client.force_login(newcomer)

    without = client.get(URL).content.decode()
    client.force_login(member)
    with_profile = client.get(URL).content.decode()

    assert "You do not have a profile yet" in without
    assert "You do not have a profile yet" not in with_profile
