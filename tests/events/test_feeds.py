from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree

import icalendar
import pytest
from django.urls import reverse

from oneteam.events.models import Event

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_event_calendar_is_one_vevent_in_the_events_time_zone(client, event):
    event.starts_at = datetime(2030, 6, 1, 8, 30, tzinfo=UTC)
    event.ends_at = datetime(2030, 6, 1, 16, 0, tzinfo=UTC)
    event.venue_name = "Somerset House"
    event.save()

    response = client.get(reverse("events:calendar", kwargs={"slug": event.slug}))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "One Team London"
    assert vevent.start == datetime(2030, 6, 1, 8, 30, tzinfo=UTC)
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert str(vevent["LOCATION"]) == "Somerset House"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_chapter_calendar_leaves_out_drafts_and_marks_cancelled(
    client, chapter, event, draft_event
):
    cancelled = Event.objects.create(
        chapter=chapter,
        slug="called-off",
        title="Called off",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        status=Event.Status.CANCELLED,
    )

    response = client.get(reverse("chapters:calendar", kwargs={"slug": chapter.slug}))

    vevents = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted((str(v["SUMMARY"]), str(v["STATUS"])) for v in vevents) == [
        (cancelled.title, "CANCELLED"),
        (event.title, "CONFIRMED"),
    ]


def test_chapter_feed_lists_upcoming_published_events(client, chapter, event, draft_event):
    response = client.get(reverse("chapters:feed", kwargs={"slug": chapter.slug}))

    feed = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["One Team London"]
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"


def test_event_calendar_of_a_draft_is_404_to_the_public(client, draft_event):
    response = client.get(reverse("events:calendar", kwargs={"slug": draft_event.slug}))

    assert response.status_code == 404
