"""The organisers' pitching station: one form in a loop, for pitches made from the floor."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oneteam.programme.models import Session
from tests.programme.conftest import confirm, make_session

pytestmark = pytest.mark.django_db


def _url(event) -> str:
    return reverse("programme:pitching_station", kwargs={"event_slug": event.slug})


def test_station_shows_an_empty_form_with_the_title_focused(client, event, organiser):
    client.force_login(organiser)

    response = client.get(_url(event))

    html = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["title", "hosts"]
    assert 'name="title"' in html
    assert "autofocus" in html.split('name="title"')[1].split(">")[0]
    assert "Save and add another" in html
    assert response.context["sessions"] == []


def test_saving_comes_back_to_the_form_naming_what_was_saved(client, event, organiser, attendee):
    client.force_login(organiser)

    response = client.post(_url(event), {"title": "Open policy", "hosts": "Sam Walker"})
    page = client.get(response["Location"])

    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_url(event)}?saved={session.pk}"
    assert (session.guest_host_name, list(session.hosts.all())) == ("Sam Walker", [])
    assert session.pitched_by == organiser
    assert page.context["saved_message"] == "“Open policy” pitched for Sam Walker"
    assert page.context["form"]["title"].value() is None
    assert 'data-disable-auto-focus="true"' in page.content.decode()


def test_the_running_list_holds_this_stations_pitches_newest_first(
    client, event, organiser, attendee
):
    make_session(event, attendee, title="Pitched elsewhere")
    client.force_login(organiser)

    client.post(_url(event), {"title": "First", "hosts": "alice@example.org"})
    client.post(_url(event), {"title": "Second", "hosts": "Alice Policy, Sam Walker"})
    page = client.get(_url(event))

    assert [s.title for s in page.context["sessions"]] == ["Second", "First"]
    assert [s.host_names for s in page.context["sessions"]] == [
        ["Alice Policy", "Sam Walker"],
        ["Alice Policy"],
    ]
    assert "2 pitches entered here" in page.content.decode()


def test_organiser_hosting_their_own_pitch_is_told_they_pitched(client, event, organiser):
    confirm(event, organiser)
    client.force_login(organiser)

    response = client.post(_url(event), {"title": "Mine", "hosts": "olu@example.org"})
    page = client.get(response["Location"])

    assert page.context["saved_message"] == "You pitched “Mine”"


def test_a_refused_pitch_keeps_what_was_typed_and_stores_nothing(client, event, organiser):
    client.force_login(organiser)

    response = client.post(_url(event), {"title": "", "hosts": "Sam Walker"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"title": ["Enter a title for the session"]}
    assert 'value="Sam Walker"' in response.content.decode()
    assert Session.objects.count() == 0


def test_a_saved_id_from_elsewhere_shows_no_banner(client, event, organiser, attendee):
    other = make_session(event, attendee, title="Not from here")
    client.force_login(organiser)

    page = client.get(_url(event), {"saved": other.pk})

    assert page.context["saved_message"] is None


def test_lean_coffee_station_proposes_topics(client, small_event, organiser):
    client.force_login(organiser)

    client.post(_url(small_event), {"title": "Hybrid meetings", "hosts": "Sam Walker"})

    assert Session.objects.get().format == Session.Format.LEAN_COFFEE


def test_station_suggests_registered_attendees(client, event, organiser, attendee):
    client.force_login(organiser)

    response = client.get(_url(event))

    assert '<option value="Alice Policy">alice@example.org</option>' in response.content.decode()
