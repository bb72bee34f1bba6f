"""Interest stays open after the grid is published, until the organiser closes it.

Late pitches need interest to be placed well and rooms are sized by it, so publishing the grid
no longer closes interest; the organiser's workspace says what is public and what is open, and
closes (or reopens) interest in one place.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from oneteam.programme.models import EventProgramme, Interest, Session
from oneteam.programme.selectors import programme_for
from oneteam.programme.services import interest_open_set, interest_set
from tests.timetable.conftest import GOOD_LAYOUT, make_version, publish_layout


def _url(name: str, world) -> str:
    return reverse(f"timetable:{name}", kwargs={"event_slug": world.event.slug})


@pytest.fixture
def olu(client, organiser):
    client.force_login(organiser)
    return client


def _late_pitch(world) -> Session:
    late = Session.objects.create(event=world.event, title="Late thoughts")
    late.hosts.add(world.people["dan"])
    return late


def test_interest_in_a_late_pitch_after_the_grid_is_published_is_counted(grid_world):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    late = _late_pitch(w)

    state = interest_set(session=late, user=w.people["eve"], interested=True)

    assert programme_for(event=w.event).interest_open is True
    assert state.interest_count == 1
    assert Interest.objects.filter(session=late, user=w.people["eve"]).exists()


def test_publishing_leaves_closed_interest_closed_and_open_interest_open(grid_world):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    assert programme_for(event=w.event).interest_open is True

    interest_open_set(event=w.event, is_open=False)
    publish_layout(w, dict(GOOD_LAYOUT, E=("attic", "eleven")))

    assert EventProgramme.objects.get(event=w.event).interest_open is False


def test_closing_interest_stops_marks_and_removals(grid_world):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    late = _late_pitch(w)
    interest_open_set(event=w.event, is_open=False)

    with pytest.raises(ValidationError) as refused:
        interest_set(session=late, user=w.people["eve"], interested=True)
    with pytest.raises(ValidationError):
        interest_set(session=w.sessions["A"], user=w.people["eve"], interested=False)

    assert refused.value.messages == [
        "Interest is closed: the organisers have stopped taking interest"
    ]
    assert not Interest.objects.filter(session=late).exists()
    assert Interest.objects.filter(session=w.sessions["A"], user=w.people["eve"]).exists()


def test_workspace_says_the_grid_is_public_and_interest_open_then_closes_it(grid_world, olu):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)

    page = olu.get(_url("organise", w)).text
    assert "The grid is public. Version 1 is the published grid" in page
    assert "Attendees can still mark interest" in page

    response = olu.post(_url("interest", w), {"interest": "close"})

    assert response.status_code == 302
    assert programme_for(event=w.event).interest_open is False
    page = olu.get(response["Location"]).text
    assert "Interest is closed: attendees cannot mark or remove interest." in page
    assert "Open interest again" in page

    olu.post(_url("interest", w), {"interest": "open"})
    assert programme_for(event=w.event).interest_open is True


def test_workspace_before_any_grid_says_nothing_is_public(grid_world, olu):
    make_version(grid_world, GOOD_LAYOUT)

    page = olu.get(_url("organise", grid_world)).text

    assert "No grid is public yet." in page
    assert "Attendees can mark interest." in page


def test_interest_setting_refuses_a_made_up_value_and_changes_nothing(grid_world, olu):
    response = olu.post(_url("interest", grid_world), {"interest": "toggle"})

    assert response.status_code == 400
    assert "Choose whether to open or close interest." in response.text
    assert programme_for(event=grid_world.event).interest_open is True
    assert not EventProgramme.objects.filter(event=grid_world.event).exists()


def test_attendee_pages_offer_interest_on_a_published_grid_until_closed(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    late = _late_pitch(w)
    client.force_login(w.people["eve"])
    sessions = reverse("programme:session_list", kwargs={"event_slug": w.event.slug})
    detail = reverse("programme:session_detail", kwargs={"event_slug": w.event.slug, "pk": late.pk})
    mark = reverse("programme:interest", kwargs={"event_slug": w.event.slug, "pk": late.pk})

    page = client.get(sessions).text
    assert "The timetable is published. You can still mark interest" in page
    assert f'id="interest-button-{late.pk}"' in page
    assert f'action="{mark}"' in client.get(detail).text

    interest_open_set(event=w.event, is_open=False)

    page = client.get(sessions).text
    assert "Interest is closed. Your choices build your personal agenda." in page
    assert f'id="interest-button-{late.pk}"' not in page
    assert f'action="{mark}"' not in client.get(detail).text


def test_programme_settings_close_interest_with_the_same_setting(grid_world, olu):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    url = reverse("programme:settings", kwargs={"event_slug": w.event.slug})
    form = olu.get(url).text
    assert 'name="interest_open"' in form and "Interest is open" in form
    assert "schedule" not in form.lower()

    # A checkbox left unticked is not sent: interest closes.
    response = olu.post(
        url, {"pitching_open": "on", "timebox_minutes": "8", "extension_minutes": "4"}
    )

    assert response.status_code == 302
    assert programme_for(event=w.event).interest_open is False
    assert "Interest is closed" in olu.get(_url("organise", w)).text
