from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from oneteam.programme.models import Interest
from oneteam.programme.selectors import pitch_queue, programme_for
from tests.programme.conftest import make_session, set_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(event, second_attendee):
    return [make_session(event, second_attendee, title=t) for t in ("First", "Second", "Third")]


def _post(client, name, event, data=None, **kwargs):
    url = reverse(f"programme:{name}", kwargs={"event_slug": event.slug, **kwargs})
    return client.post(url, data or {})


def test_queue_move_up_swaps_with_the_pitch_above(client, event, organiser, three):
    client.force_login(organiser)

    _post(client, "queue_move", event, {"direction": "up"}, pk=three[2].pk)

    assert [s.title for s in pitch_queue(event=event)] == ["First", "Third", "Second"]


def test_queue_move_down_at_the_bottom_changes_nothing(client, event, organiser, three):
    client.force_login(organiser)

    _post(client, "queue_move", event, {"direction": "down"}, pk=three[2].pk)

    assert [s.title for s in pitch_queue(event=event)] == ["First", "Second", "Third"]


def test_queue_advance_walks_through_the_pitches(client, event, organiser, three):
    client.force_login(organiser)

    _post(client, "queue_advance", event)
    first = programme_for(event=event).current_pitch
    _post(client, "queue_advance", event)

    assert (first, programme_for(event=event).current_pitch) == (three[0], three[1])


def test_projector_shows_current_and_next_pitch(client, event, organiser, attendee, three):
    set_programme(event, current_pitch=three[1])
    client.force_login(attendee)

    response = client.get(reverse("programme:projector", kwargs={"event_slug": event.slug}))

    assert (response.context["current"], response.context["upcoming"]) == (three[1], three[2])


def test_projector_htmx_poll_returns_only_the_stage(client, event, attendee, three):
    set_programme(event, current_pitch=three[0])
    client.force_login(attendee)

    response = client.get(
        reverse("programme:projector", kwargs={"event_slug": event.slug}),
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert "<h1" not in html
    assert "First" in html
    assert "Second" in html


@pytest.fixture
def topics(event, attendee, second_attendee):
    """Three Lean Coffee topics with 0, 2 and 1 dots."""
    titles = ("Few dots", "Most dots", "One dot")
    made = [make_session(event, second_attendee, title=t, format="lean_coffee") for t in titles]
    Interest.objects.create(session=made[1], user=attendee)
    Interest.objects.create(session=made[1], user=second_attendee)
    Interest.objects.create(session=made[2], user=attendee)
    return made


def test_lean_coffee_start_takes_the_topic_with_most_dots(client, event, organiser, topics):
    client.force_login(organiser)
    before = timezone.now()

    _post(client, "lean_coffee_step", event, {"step": "start"})

    programme = programme_for(event=event)
    assert programme.current_topic == topics[1]
    assert programme.current_topic_ends_at - before >= timedelta(minutes=8)
    assert programme.current_topic_ends_at - before < timedelta(minutes=9)


def test_lean_coffee_extend_adds_four_minutes(client, event, organiser, topics):
    client.force_login(organiser)
    _post(client, "lean_coffee_step", event, {"step": "start"})
    ends = programme_for(event=event).current_topic_ends_at

    _post(client, "lean_coffee_step", event, {"step": "extend"})

    assert programme_for(event=event).current_topic_ends_at - ends == timedelta(minutes=4)


def test_lean_coffee_finish_records_takeaway_and_moves_on(client, event, organiser, topics):
    client.force_login(organiser)
    _post(client, "lean_coffee_step", event, {"step": "start"})

    finish = {"step": "finish", "takeaway": "Pair policy with data"}
    _post(client, "lean_coffee_step", event, finish)
    _post(client, "lean_coffee_step", event, {"step": "start"})

    topics[1].refresh_from_db()
    assert topics[1].takeaway == "Pair policy with data"
    assert topics[1].discussed_at is not None
    assert programme_for(event=event).current_topic == topics[2]


def test_lean_coffee_finish_without_takeaway_is_refused(client, event, organiser, topics):
    client.force_login(organiser)
    _post(client, "lean_coffee_step", event, {"step": "start"})

    response = _post(client, "lean_coffee_step", event, {"step": "finish", "takeaway": " "})

    assert response.context["form"].errors["takeaway"] == ["Enter the takeaway in one line"]
    assert programme_for(event=event).current_topic == topics[1]


def test_lean_coffee_start_while_a_topic_runs_is_refused(client, event, organiser, topics):
    client.force_login(organiser)
    _post(client, "lean_coffee_step", event, {"step": "start"})

    response = client.post(
        reverse("programme:lean_coffee_step", kwargs={"event_slug": event.slug}),
        {"step": "start"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Record a takeaway for the current topic first"
    ]
    assert programme_for(event=event).current_topic == topics[1]


def test_lean_coffee_page_shows_time_left(client, event, organiser, topics):
    client.force_login(organiser)
    _post(client, "lean_coffee_step", event, {"step": "start"})

    response = client.get(reverse("programme:lean_coffee", kwargs={"event_slug": event.slug}))

    assert response.context["minutes_left"] == 8
    assert "About 8 minutes left" in response.content.decode()
