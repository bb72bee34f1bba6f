"""Registration asks a nameless member for their name; organisers find people by name or email."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from oneteam.accounts.models import User
from oneteam.events.models import Registration
from oneteam.events.services.registrations import RegistrationRefused, registration_create
from oneteam.members.models import Discipline, Profile
from tests.conftest import make_member
from tests.events.conftest import register

pytestmark = pytest.mark.django_db


def _register_form(**overrides) -> dict:
    data = {
        "discipline": Discipline.objects.get(slug="policy").pk,
        "organisation": "Cabinet Office",
        "accepts_code_of_conduct": "on",
    }
    return data | overrides


def test_registration_asks_a_member_without_a_profile_for_their_name(client, event):
    sam = User.objects.create_user(email="sam@example.org")
    client.force_login(sam)
    url = reverse("events:register", kwargs={"slug": event.slug})

    asked = client.get(url)
    response = client.post(url, _register_form(display_name=" Sam  Walker "))

    profile = Profile.objects.get(user=sam)
    assert "display_name" in asked.context["form"].fields
    assert response.status_code == 302
    assert (profile.display_name, profile.handle) == ("Sam Walker", "sam-walker")
    assert Registration.objects.get(user=sam).status == Registration.Status.CONFIRMED


def test_registration_without_the_name_is_refused(client, event):
    sam = User.objects.create_user(email="sam@example.org")
    client.force_login(sam)

    response = client.post(
        reverse("events:register", kwargs={"slug": event.slug}), _register_form()
    )

    assert response.context["form"].errors["display_name"] == ["Enter your name"]
    assert Registration.objects.count() == 0


def test_registration_does_not_ask_a_named_member(client, event, member):
    client.force_login(member)

    response = client.get(reverse("events:register", kwargs={"slug": event.slug}))

    assert "display_name" not in response.context["form"].fields


def test_a_refused_registration_keeps_no_name(event):
    sam = User.objects.create_user(email="sam@example.org")

    with pytest.raises(RegistrationRefused):
        registration_create(
            event=event, user=sam, accepts_code_of_conduct=False, display_name="Sam Walker"
        )

    assert not Profile.objects.filter(user=sam).exists()


def test_registration_names_a_profile_whose_name_is_empty(event):
    nameless = make_member("nn@example.org", name="", handle="nn", discipline="data")

    registration_create(
        event=event, user=nameless, accepts_code_of_conduct=True, display_name="Nia Name"
    )

    profile = Profile.objects.get(user=nameless)
    assert (profile.display_name, profile.handle, profile.discipline.slug) == (
        "Nia Name",
        "nn",
        "data",
    )


@pytest.mark.parametrize("query", ["alice@", "EXAMPLE.ORG", "policy", "Alice pol"])
def test_check_in_search_finds_by_part_of_name_or_email_in_any_case(
    client, organiser, event, member, query
):
    register(event, member)
    client.force_login(organiser)

    response = client.get(reverse("events:check_in", kwargs={"slug": event.slug}), {"q": query})

    assert [r.user for r in response.context["results"]] == [member]


def test_check_in_search_finds_someone_without_a_profile_by_email(client, organiser, event):
    sam = User.objects.create_user(email="sam.walker@example.org")
    register(event, sam)
    client.force_login(organiser)

    response = client.get(
        reverse("events:check_in", kwargs={"slug": event.slug}), {"q": "sam.walker"}
    )

    assert [r.user for r in response.context["results"]] == [sam]
    assert "A member" in response.content.decode()


def test_attendee_list_search_narrows_by_name_or_email(
    client, organiser, event, member, other_member
):
    register(event, member)
    register(event, other_member)
    client.force_login(organiser)
    url = reverse("events:attendees", kwargs={"slug": event.slug})

    everyone = client.get(url)
    by_email = client.get(url, {"q": "CHARLIE@"})
    by_name = client.get(url, {"q": "alice"})
    nobody = client.get(url, {"q": "zebra"})

    assert [r.user for r in everyone.context["registrations"]] == [member, other_member]
    assert [r.user for r in by_email.context["registrations"]] == [other_member]
    assert [r.user for r in by_name.context["registrations"]] == [member]
    assert list(nobody.context["registrations"]) == []
    assert "0 attendees match “zebra”." in nobody.content.decode()
    assert 'href="mailto:charlie@example.org"' in everyone.content.decode()


def test_attendees_csv_ends_with_the_email_column(client, organiser, event, member):
    register(event, member)
    client.force_login(organiser)

    response = client.get(reverse("events:attendees_csv", kwargs={"slug": event.slug}))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert (rows[0][-1], rows[1][-1]) == ("Email", "alice@example.org")
    assert rows[1][0] == "Alice Policy"
