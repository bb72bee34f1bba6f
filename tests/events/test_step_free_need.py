"""An attendee says on their registration that they need step-free access: a structured
answer the grid acts on (the free-text access needs stay for everything else)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oneteam.events.models import Registration
from tests.events.conftest import register

pytestmark = pytest.mark.django_db


def _register_url(event) -> str:
    return reverse("events:register", kwargs={"slug": event.slug})


def test_register_form_offers_the_step_free_checkbox_in_govuk_markup(client, member, event):
    client.force_login(member)

    html = client.get(_register_url(event)).content.decode()

    assert (
        '<input type="checkbox" name="needs_step_free" class="govuk-checkboxes__input" '
        'aria-describedby="id_needs_step_free_helptext" id="id_needs_step_free">'
    ) in html
    assert (
        '<label class="govuk-label govuk-checkboxes__label" for="id_needs_step_free">'
        "I need step-free access</label>"
    ) in html


def test_register_with_the_box_ticked_stores_the_step_free_need(client, member, event):
    client.force_login(member)

    response = client.post(
        _register_url(event),
        {
            "discipline": member.profile.discipline_id,
            "organisation": "DfE",
            "needs_step_free": "on",
            "accepts_code_of_conduct": "on",
        },
    )

    assert response.status_code == 302
    assert Registration.objects.get(event=event, user=member).needs_step_free is True


def test_register_without_the_box_stores_no_step_free_need(client, member, event):
    client.force_login(member)

    client.post(
        _register_url(event),
        {
            "discipline": member.profile.discipline_id,
            "organisation": "DfE",
            "accepts_code_of_conduct": "on",
        },
    )

    assert Registration.objects.get(event=event, user=member).needs_step_free is False


def test_attendee_list_tells_the_organiser_who_needs_step_free_access(
    client, organiser, member, event
):
    register(event, member, needs_step_free=True)
    client.force_login(organiser)

    html = client.get(reverse("events:attendees", kwargs={"slug": event.slug})).content.decode()

    assert "<strong>Needs step-free access</strong>" in html
