from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from oneteam.events import tokens
from oneteam.events.models import Registration
from oneteam.members.models import Discipline
from tests.events.conftest import register

Status = Registration.Status
pytestmark = pytest.mark.django_db


def _register_url(event) -> str:
    return reverse("events:register", kwargs={"slug": event.slug})


def test_register_form_is_prefilled_from_the_profile(client, member, event):
    client.force_login(member)

    form = client.get(_register_url(event)).context["form"]

    assert form.initial == {
        "discipline": member.profile.discipline_id,
        "organisation": "Department for Examples",
    }


def test_register_post_confirms_and_stores_what_was_confirmed(client, member, event):
    client.force_login(member)
    data_discipline = Discipline.objects.get(slug="data")

    response = client.post(
        _register_url(event),
        {
            "discipline": data_discipline.pk,
            "organisation": "Office for Numbers",
            "dietary_needs": "Vegan",
            "accepts_code_of_conduct": "on",
        },
    )

    assert response.status_code == 302
    registration = Registration.objects.get(event=event, user=member)
    assert (registration.status, registration.discipline, registration.organisation) == (
        Status.CONFIRMED,
        data_discipline,
        "Office for Numbers",
    )
    assert registration.dietary_needs == "Vegan"


def test_register_without_consent_names_the_field_and_stores_nothing(client, member, event):
    client.force_login(member)

    response = client.post(
        _register_url(event),
        {"discipline": member.profile.discipline_id, "organisation": "DfE"},
    )

    assert '<a href="#id_accepts_code_of_conduct">Agree to the code of conduct' in (
        response.content.decode()
    )
    assert Registration.objects.count() == 0


def test_register_without_discipline_or_organisation_says_which_is_missing(client, member, event):
    client.force_login(member)

    response = client.post(_register_url(event), {"accepts_code_of_conduct": "on"})

    page = response.content.decode()
    assert '<a href="#id_discipline">Choose your discipline</a>' in page
    assert '<a href="#id_organisation">Enter your organisation</a>' in page
    assert "This field is required" not in page
    assert Registration.objects.count() == 0


def test_register_after_closing_shows_the_refusal(client, member, event):
    event.registration_closes_at = timezone.now() - timedelta(hours=1)
    event.save()
    client.force_login(member)

    response = client.post(
        _register_url(event),
        {
            "discipline": member.profile.discipline_id,
            "organisation": "DfE",
            "accepts_code_of_conduct": "on",
        },
    )

    assert response.status_code == 200
    assert "Registration closed on" in response.content.decode()
    assert Registration.objects.count() == 0


def test_event_detail_shows_waitlist_position(client, small_event, member, other_member, organiser):
    register(small_event, other_member)
    register(small_event, organiser)
    register(small_event, member)
    client.force_login(member)

    body = client.get(reverse("events:detail", kwargs={"slug": small_event.slug})).content

    assert "You are number 1 on the waitlist" in body.decode()


def test_event_detail_hides_draft_from_members(client, member, draft_event):
    client.force_login(member)

    response = client.get(reverse("events:detail", kwargs={"slug": draft_event.slug}))

    assert response.status_code == 404


def test_cancel_own_registration_from_the_event_page(client, member, event):
    registration = register(event, member)
    client.force_login(member)

    client.post(reverse("events:cancel_own", kwargs={"slug": event.slug}))

    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_cancel_link_get_changes_nothing(client, event, member):
    registration = register(event, member)
    url = reverse("events:cancel_link", kwargs={"token": tokens.make_cancel_token(registration.pk)})

    response = client.get(url)

    assert response.status_code == 200
    assert "Yes, cancel my place" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_cancel_link_post_cancels_without_signing_in(client, event, member):
    registration = register(event, member)
    url = reverse("events:cancel_link", kwargs={"token": tokens.make_cancel_token(registration.pk)})

    response = client.post(url)

    assert "Your registration is cancelled" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_cancel_link_with_a_forged_token_is_404(client, event, member):
    registration = register(event, member)
    forged = tokens.make_check_in_token(registration.pk)  # right id, wrong purpose

    response = client.post(reverse("events:cancel_link", kwargs={"token": forged}))

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


@pytest.mark.django_db
def test_event_page_links_to_sessions_and_organisers_to_pitch_tools(client, event, organiser):
    client.force_login(organiser)

    body = client.get(reverse("events:detail", args=[event.slug])).content.decode()

    assert f'href="{reverse("programme:session_list", args=[event.slug])}"' in body
    assert f'href="{reverse("programme:queue", args=[event.slug])}"' in body
