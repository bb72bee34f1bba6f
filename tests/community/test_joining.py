"""The code of conduct is accepted at joining: a newcomer's new profile leads to it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oneteam.accounts.models import User
from oneteam.community import services
from oneteam.community.models import CodeOfConduct, ConductAcceptance, Thread
from oneteam.community.selectors import current_code
from oneteam.members.models import Discipline, Profile
from tests.community.helpers import accept_conduct

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db) -> User:
    return User.objects.create_user(email="nia@example.org")


def _profile_data() -> dict[str, str]:
    return {
        "display_name": "Nia Newcomer",
        "handle": "",
        "pronouns": "",
        "discipline": str(Discipline.objects.get(slug="design").pk),
        "organisation": "Leeds City Council",
        "role": "",
        "ask_me_about": "",
        "working_to_change": "",
        "visibility": Profile.Visibility.MEMBERS,
    }


def test_newcomer_creates_a_profile_then_accepts_the_code_and_lands_on_it(client, newcomer):
    client.force_login(newcomer)
    assert client.get(reverse("members:profile_edit")).status_code == 200

    created = client.post(reverse("members:profile_edit"), _profile_data(), follow=True)

    page = created.content.decode()
    assert created.redirect_chain[-1][0].startswith(reverse("community:conduct"))
    assert "Your profile has been created" in page
    assert "I have read the code of conduct and will follow it" in page
    assert "Accept and continue" in page
    assert ConductAcceptance.objects.filter(user=newcomer).count() == 0

    profile_url = reverse("members:profile", kwargs={"handle": "nia-newcomer"})
    accepted = client.post(reverse("community:conduct"), {"accept": "on", "next": profile_url})

    assert accepted.status_code == 302
    assert accepted["Location"] == profile_url
    acceptance = ConductAcceptance.objects.get(user=newcomer)
    assert acceptance.code == current_code()


def test_newcomer_who_does_not_tick_the_box_is_asked_again_and_nothing_is_recorded(
    client, newcomer
):
    client.force_login(newcomer)
    client.post(reverse("members:profile_edit"), _profile_data())
    profile_url = reverse("members:profile", kwargs={"handle": "nia-newcomer"})

    response = client.post(reverse("community:conduct"), {"next": profile_url})

    assert response.status_code == 200
    assert "Tick the box to accept the code of conduct" in response.content.decode()
    assert ConductAcceptance.objects.count() == 0


def test_newcomer_who_skips_the_code_still_cannot_post(client, newcomer):
    """The first-post gate stays as the backstop."""
    from tests.community.helpers import make_space

    space = make_space()
    client.force_login(newcomer)
    client.post(reverse("members:profile_edit"), _profile_data())

    url = reverse("community:thread_create", kwargs={"slug": space.slug})
    response = client.post(url, {"title": "Hi", "body": "Hello"})

    assert response["Location"].startswith(reverse("community:conduct"))
    assert Thread.objects.count() == 0


def test_editing_an_existing_profile_does_not_ask_for_the_code_again(client, member):
    accept_conduct(member)
    client.force_login(member)
    data = _profile_data() | {"display_name": "Alice P", "handle": "alice"}

    response = client.post(reverse("members:profile_edit"), data)

    assert response["Location"] == reverse("members:profile", kwargs={"handle": "alice"})


def test_code_page_sends_someone_who_already_accepted_straight_on(client, member):
    accept_conduct(member)
    client.force_login(member)
    back = reverse("members:profile", kwargs={"handle": member.profile.handle})

    response = client.get(reverse("community:conduct"), {"next": back})

    assert response.status_code == 302
    assert response["Location"] == back


def test_a_changed_code_is_asked_for_again_at_the_same_page(client, member):
    accept_conduct(member)
    services.conduct_publish(text="Be kinder.", summary_of_changes="Kindness")
    client.force_login(member)
    back = reverse("community:home")

    response = client.get(reverse("community:conduct"), {"next": back})

    assert response.status_code == 200
    assert "What changed: Kindness" in response.content.decode()


def test_code_page_with_no_code_published_carries_on_when_joining(client, member):
    CodeOfConduct.objects.all().delete()
    client.force_login(member)
    back = reverse("members:profile", kwargs={"handle": member.profile.handle})

    assert client.get(reverse("community:conduct"), {"next": back})["Location"] == back
    assert client.get(reverse("community:conduct")).status_code == 404


def test_code_page_never_sends_anyone_to_another_site(client, member):
    accept_conduct(member)
    client.force_login(member)

    response = client.get(reverse("community:conduct"), {"next": "https://evil.example/"})

    assert response.status_code == 200
    assert "evil.example" not in response.content.decode()


@pytest.mark.parametrize(
    "back", ["²", "home", "//elsewhere.example/x", "https://elsewhere.example/"]
)
def test_the_conduct_page_ignores_a_next_that_is_not_a_path_on_this_site(client, member, back):
    # A bare word would be taken for a view's name by redirect() (a 500 for "²").
    accept_conduct(member)
    client.force_login(member)

    answer = client.get(reverse("community:conduct"), {"next": back})

    assert answer.status_code == 200
