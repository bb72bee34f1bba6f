"""The whole published programme for apps: schedule XML, schedule JSON and iCalendar, parsed
with real parsers and checked against the formats' required structure."""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.events.models import Event, PrivacyMode
from oneteam.programme.services.pitches import session_withdraw
from oneteam.timetable.exports import acronym_for
from tests.timetable.conftest import GOOD_LAYOUT, make_version, publish_layout

pytestmark = pytest.mark.django_db

FORMATS = ("schedule_xml", "schedule_json", "schedule_ics")
TITLES = {"Open policy", "Data for all", "Service design", "Digital leaders", "Delivery myths"}
EVENT_CHILDREN = [
    "date",
    "start",
    "duration",
    "room",
    "slug",
    "url",
    "title",
    "subtitle",
    "track",
    "type",
    "language",
    "abstract",
    "description",
    "logo",
    "persons",
    "links",
    "attachments",
]
# From the c3voc schema (voc/schedule, validator/json/schema.json).
CONFERENCE_REQUIRED = {"title", "acronym", "days", "daysCount", "start", "end", "timeslot_duration"}
CONFERENCE_ALLOWED = CONFERENCE_REQUIRED | {
    "description",
    "time_zone_name",
    "logo",
    "colors",
    "keywords",
    "url",
    "tracks",
    "rooms",
    "meta",
}
DAY_KEYS = {"index", "date", "day_start", "day_end", "rooms"}
EVENT_REQUIRED = {
    "abstract",
    "date",
    "duration",
    "guid",
    "id",
    "language",
    "links",
    "persons",
    "room",
    "slug",
    "start",
    "subtitle",
    "title",
    "track",
    "type",
    "url",
}
EVENT_ALLOWED = EVENT_REQUIRED | {
    "logo",
    "description",
    "recording_license",
    "do_not_record",
    "do_not_stream",
    "attachments",
    "answers",
}
ACRONYM = re.compile(r"^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$")
SLUG = re.compile(r"^[a-z0-9_-]+[a-z0-9]$")
DURATION = re.compile(r"^[0-9]+:[0-9]{2}$")
START = re.compile(r"^[0-2][0-9]:[0-5][0-9]$")


def _url(name: str, event: Event) -> str:
    return reverse(f"timetable:{name}", kwargs={"event_slug": event.slug})


def _expected_days(event: Event) -> list[tuple[str, str]]:
    """(index, date) of each calendar day the event touches, in its time zone."""
    zone = ZoneInfo(event.time_zone)
    first, last = event.starts_at.astimezone(zone).date(), event.ends_at.astimezone(zone).date()
    return [
        (str(i + 1), (first + timedelta(days=i)).isoformat())
        for i in range((last - first).days + 1)
    ]


def _parse(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (our own output, in a test)


def _xml(client, event: Event) -> ET.Element:
    response = client.get(_url("schedule_xml", event))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return _parse(response.content)


def _json(client, event: Event) -> dict:
    response = client.get(_url("schedule_json", event))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def _xml_events(root: ET.Element) -> dict[str, ET.Element]:
    return {e.findtext("title"): e for e in root.iterfind("day/room/event")}


def _json_events(document: dict) -> dict[str, dict]:
    return {
        event["title"]: event
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    }


def test_schedule_xml_follows_the_frab_structure(grid_world, client):
    version = publish_layout(grid_world, GOOD_LAYOUT)
    event = grid_world.event
    zone = ZoneInfo(event.time_zone)

    root = _xml(client, event)

    assert root.tag == "schedule"
    assert root.findtext("version") == str(version.number)
    conference = root.find("conference")
    assert [child.tag for child in conference] == [
        "acronym",
        "title",
        "start",
        "end",
        "days",
        "timeslot_duration",
        "base_url",
        "time_zone_name",
    ]
    assert conference.findtext("title") == event.title
    assert conference.findtext("acronym") == acronym_for(event)
    assert conference.findtext("time_zone_name") == event.time_zone
    days = root.findall("day")
    assert conference.findtext("days") == str(len(days))
    assert [(d.get("index"), d.get("date")) for d in days] == _expected_days(event)
    assert days[0].get("start") == event.starts_at.astimezone(zone).isoformat()
    assert days[-1].get("end") == event.ends_at.astimezone(zone).isoformat()
    for day in days:
        assert [room.get("name") for room in day.findall("room")] == ["Attic", "Hall", "Studio"]
        assert all(uuid.UUID(room.get("guid")) for room in day.findall("room"))
    events = _xml_events(root)
    assert set(events) == TITLES
    for element in events.values():
        assert [child.tag for child in element] == EVENT_CHILDREN
        assert int(element.get("id")) > 0
        assert uuid.UUID(element.get("guid"))
        assert START.match(element.findtext("start"))
        assert SLUG.match(element.findtext("slug"))
    assert len({e.get("guid") for e in events.values()}) == 5
    assert len({e.findtext("slug") for e in events.values()}) == 5
    open_policy = events["Open policy"]
    ten = grid_world.slots["ten"].starts_at.astimezone(zone)
    assert open_policy.findtext("room") == "Hall"
    assert open_policy.findtext("date") == ten.isoformat()
    assert open_policy.findtext("start") == ten.strftime("%H:%M")
    assert open_policy.findtext("duration") == "00:50"
    assert open_policy.findtext("type") == "Discussion"
    assert open_policy.findtext("language") == "en"
    session_a = grid_world.sessions["A"]
    assert open_policy.findtext("url").endswith(
        reverse("programme:session_detail", kwargs={"event_slug": event.slug, "pk": session_a.pk})
    )


def test_schedule_names_hosts_to_signed_in_viewers_only(grid_world, client):
    publish_layout(grid_world, GOOD_LAYOUT)
    event = grid_world.event

    anonymous = client.get(_url("schedule_xml", event)).content.decode()
    client.force_login(grid_world.people["eve"])
    signed_in = _xml(client, event)

    assert "Charlie Data" not in anonymous
    persons = [p.text for p in _xml_events(signed_in)["Open policy"].iterfind("persons/person")]
    assert persons == ["Charlie Data"]
    assert "@example.org" not in ET.tostring(signed_in, encoding="unicode")


def test_schedule_names_nobody_in_sessions_that_are_not_open(grid_world, client):
    grid_world.sessions["A"].privacy = PrivacyMode.CHATHAM_HOUSE
    grid_world.sessions["A"].save(update_fields=["privacy"])
    grid_world.sessions["E"].privacy = PrivacyMode.OFF_THE_RECORD
    grid_world.sessions["E"].save(update_fields=["privacy"])
    publish_layout(grid_world, GOOD_LAYOUT)
    client.force_login(grid_world.people["eve"])

    xml_events = _xml_events(_xml(client, grid_world.event))
    json_events = _json_events(_json(client, grid_world.event))

    for title in ("Open policy", "Delivery myths"):
        assert xml_events[title].findall("persons/person") == []
        assert json_events[title]["persons"] == []
    assert [p["name"] for p in json_events["Data for all"]["persons"]] == ["Charlie Data"]


def test_schedule_leaves_out_a_host_without_a_display_name(grid_world, client):
    bea = grid_world.people["bea"]
    bea.profile.display_name = ""
    bea.profile.save(update_fields=["display_name"])
    publish_layout(grid_world, GOOD_LAYOUT)
    client.force_login(grid_world.people["eve"])

    response = client.get(_url("schedule_xml", grid_world.event))

    events = _xml_events(_parse(response.content))
    assert events["Digital leaders"].findall("persons/person") == []
    assert f"User {bea.pk}" not in response.content.decode()


def test_schedule_json_has_what_the_c3voc_schema_requires(grid_world, client):
    version = publish_layout(grid_world, GOOD_LAYOUT)
    client.force_login(grid_world.people["eve"])

    document = _json(client, grid_world.event)

    assert set(document) <= {"schedule", "$schema", "generator"}
    schedule = document["schedule"]
    assert schedule["version"] == str(version.number)
    assert "rooms" not in schedule
    conference = schedule["conference"]
    assert CONFERENCE_REQUIRED <= set(conference) <= CONFERENCE_ALLOWED
    assert ACRONYM.match(conference["acronym"])
    assert conference["daysCount"] == len(conference["days"])
    assert [(str(d["index"]), d["date"]) for d in conference["days"]] == _expected_days(
        grid_world.event
    )
    assert isinstance(conference["timeslot_duration"], str)
    assert [room["name"] for room in conference["rooms"]] == ["Attic", "Hall", "Studio"]
    assert all(set(room) == {"name", "guid"} for room in conference["rooms"])
    for day in conference["days"]:
        assert set(day) == DAY_KEYS
        assert isinstance(day["index"], int)
        assert list(day["rooms"]) == ["Attic", "Hall", "Studio"]
    events = _json_events(document)
    assert set(events) == TITLES
    for event in events.values():
        assert EVENT_REQUIRED <= set(event) <= EVENT_ALLOWED
        assert isinstance(event["id"], int) and event["id"] >= 1
        assert uuid.UUID(event["guid"])
        assert SLUG.match(event["slug"])
        assert DURATION.match(event["duration"])
        for person in event["persons"]:
            # The schema's persons are oneOf frab's ({id, public_name}) or pretalx's ({name}).
            assert "name" in person and "public_name" not in person
    assert [p["name"] for p in events["Digital leaders"]["persons"]] == ["Bea Design"]
    # The same sessions, rooms and times as the XML.
    xml_events = _xml_events(_xml(client, grid_world.event))
    for title, event in events.items():
        element = xml_events[title]
        assert (event["guid"], event["room"], event["date"], event["slug"]) == (
            element.get("guid"),
            element.findtext("room"),
            element.findtext("date"),
            element.findtext("slug"),
        )


def test_acronym_fits_the_schema_for_short_and_hyphenated_slugs(event):
    for slug in ("ab", "london-unconference-2026", "UX-day"):
        event.slug = slug
        assert ACRONYM.match(acronym_for(event)), slug


def test_schedule_ics_has_every_session(grid_world, client):
    publish_layout(grid_world, GOOD_LAYOUT)
    event = grid_world.event

    response = client.get(_url("schedule_ics", event))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    entries = {str(e["SUMMARY"]).split(" (")[0]: e for e in calendar.walk("VEVENT")}
    assert set(entries) == TITLES
    open_policy = entries["Open policy"]
    assert open_policy.decoded("DTSTART") == grid_world.slots["ten"].starts_at
    assert open_policy.decoded("DTEND") == grid_world.slots["ten"].ends_at
    assert str(open_policy["LOCATION"]).startswith("Hall")
    assert len({str(e["UID"]) for e in entries.values()}) == 5


def test_exports_leave_out_a_withdrawn_session(grid_world, client):
    publish_layout(grid_world, GOOD_LAYOUT)
    session_withdraw(session=grid_world.sessions["E"])

    xml_titles = set(_xml_events(_xml(client, grid_world.event)))
    json_titles = set(_json_events(_json(client, grid_world.event)))
    calendar = icalendar.Calendar.from_ical(
        client.get(_url("schedule_ics", grid_world.event)).content
    )

    assert xml_titles == json_titles == TITLES - {"Delivery myths"}
    assert len(calendar.walk("VEVENT")) == 4


def test_guids_stay_put_when_a_session_moves(grid_world, client):
    publish_layout(grid_world, GOOD_LAYOUT)
    before = _xml_events(_xml(client, grid_world.event))["Open policy"]
    publish_layout(grid_world, GOOD_LAYOUT | {"A": ("hall", "one"), "D": ("studio", "ten")})

    after = _xml_events(_xml(client, grid_world.event))["Open policy"]

    assert after.get("guid") == before.get("guid")
    assert after.findtext("start") != before.findtext("start")


@pytest.mark.parametrize("name", FORMATS)
def test_export_is_404_until_a_grid_is_published(grid_world, client, organiser, name):
    make_version(grid_world, GOOD_LAYOUT)  # a draft only
    client.force_login(organiser)
    assert client.get(_url(name, grid_world.event)).status_code == 404


@pytest.mark.parametrize("name", FORMATS)
def test_export_of_a_draft_event_is_404_to_the_public(grid_world, client, name):
    publish_layout(grid_world, GOOD_LAYOUT)
    Event.objects.filter(pk=grid_world.event.pk).update(status=Event.Status.DRAFT)
    assert client.get(_url(name, grid_world.event)).status_code == 404


@pytest.mark.parametrize("name", FORMATS)
def test_export_refuses_to_be_posted_to(grid_world, client, name):
    publish_layout(grid_world, GOOD_LAYOUT)
    assert client.post(_url(name, grid_world.event)).status_code == 405


def test_grid_page_links_to_every_export(grid_world, client):
    publish_layout(grid_world, GOOD_LAYOUT)
    page = client.get(_url("grid", grid_world.event)).content.decode()
    for name in FORMATS:
        assert f'href="{_url(name, grid_world.event)}"' in page


@pytest.mark.parametrize("name", FORMATS)
def test_export_queries_do_not_grow_with_the_sessions(grid_world, client, name):
    client.force_login(grid_world.people["eve"])
    publish_layout(grid_world, {"A": ("hall", "ten")})
    client.get(_url(name, grid_world.event))  # the session's first request does more
    with CaptureQueriesContext(connection) as one:
        client.get(_url(name, grid_world.event))
    publish_layout(grid_world, GOOD_LAYOUT)
    with CaptureQueriesContext(connection) as five:
        client.get(_url(name, grid_world.event))
    assert len(five) == len(one)
