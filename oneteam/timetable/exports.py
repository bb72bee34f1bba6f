"""The whole published programme for apps: schedule XML and schedule JSON.

Schedule XML is the frab format (from pentabarf) that schedule apps read (Giggity,
EventFahrplan, info-beamer), laid out as pretalx exports it (its agenda/schedule.xml template)
and as the c3voc validator describes it (voc/schedule, validator/xsd/schedule.xml.xsd).
Schedule JSON is the same data in the c3voc schedule JSON format (voc/schedule,
validator/json/schema.json): its required keys, patterns for acronym, slug and duration, and
persons as {"name", "guid"} (the schema's pretalx-style person).

Both come from one `Programme`, built from the published grid. GUIDs are uuid5 of the site's
address and the event's, session's and room's ids, so they stay the same across publishes and
apps recognise a session that moved. Host names appear only where the grid page shows them
(signed-in viewers) and only for open sessions: a Chatham House or off-the-record session
names nobody. A host without a display name is left out; an email address never appears. A
host without an account (named by an organiser) appears by that name.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify

from oneteam.events.models import Event, PrivacyMode
from oneteam.programme.models import Session
from oneteam.timetable.models import Placement
from oneteam.timetable.selectors import Grid

JSON_SCHEMA = "https://c3voc.de/schedule/schema.json"
# The grid's resolution for apps that draw one; pretalx uses the same.
TIMESLOT_DURATION = "00:05"


@dataclass(frozen=True)
class Person:
    name: str
    guid: str


@dataclass(frozen=True)
class Entry:
    """One placed session."""

    id: int
    guid: str
    slug: str
    url: str
    title: str
    type: str
    language: str
    abstract: str
    room: str
    starts_at: datetime  # in the event's time zone
    duration: timedelta
    persons: tuple[Person, ...]


@dataclass(frozen=True)
class RoomColumn:
    name: str
    guid: str


@dataclass(frozen=True)
class Day:
    index: int
    date: date
    start: datetime
    end: datetime
    rooms: tuple[tuple[RoomColumn, tuple[Entry, ...]], ...]


@dataclass(frozen=True)
class Programme:
    version: str
    acronym: str
    title: str
    start: date
    end: date
    time_zone: str
    base_url: str
    url: str
    rooms: tuple[RoomColumn, ...]
    days: tuple[Day, ...]


def _guid(*parts: object) -> str:
    name = "/".join([settings.SITE_URL, *(str(part) for part in parts)])
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def acronym_for(event: Event) -> str:
    """The event's slug as the schema's acronym: lower case, letters, digits and underscores,
    at least four characters."""
    return slugify(event.slug).replace("-", "_").ljust(4, "_")


def _persons(session: Session, *, show_hosts: bool) -> tuple[Person, ...]:
    if not show_hosts or session.privacy != PrivacyMode.OPEN:
        return ()
    persons = []
    for host in session.hosts.all():  # prefetched, in display-name order
        profile = getattr(host, "profile", None)
        name = profile.display_name.strip() if profile is not None else ""
        if name:
            persons.append(Person(name=name, guid=_guid("members", host.pk)))
    if session.guest_host_name:
        # A host without an account: known only by the name the organiser typed.
        guid = _guid("sessions", session.pk, "guest-host")
        persons.append(Person(name=session.guest_host_name, guid=guid))
    return tuple(persons)


def _entry(
    event: Event, placement: Placement, zone: ZoneInfo, acronym: str, *, show_hosts: bool
) -> Entry:
    session, slot = placement.session, placement.slot
    title_slug = slugify(session.title)[:40].strip("-_")
    path = reverse("programme:session_detail", kwargs={"event_slug": event.slug, "pk": session.pk})
    return Entry(
        id=session.pk,
        guid=_guid("events", event.pk, "sessions", session.pk),
        slug="-".join(part for part in (acronym, str(session.pk), title_slug) if part),
        url=settings.SITE_URL + path,
        title=session.title,
        type=str(session.get_format_display()),
        language=session.language,
        abstract=session.description,
        room=placement.room.name,
        starts_at=slot.starts_at.astimezone(zone),
        duration=slot.ends_at - slot.starts_at,
        persons=_persons(session, show_hosts=show_hosts),
    )


def programme_for(*, event: Event, grid: Grid, show_hosts: bool) -> Programme:
    """The published grid's pitched sessions by day and room (no query beyond the grid's)."""
    zone = ZoneInfo(event.time_zone)
    acronym = acronym_for(event)
    rooms = tuple(
        RoomColumn(name=room.name, guid=_guid("events", event.pk, "rooms", room.pk))
        for room in grid.rooms
    )
    entries = sorted(
        (
            _entry(event, placement, zone, acronym, show_hosts=show_hosts)
            for placement in grid.placements.values()
            if placement.session.status == Session.Status.PITCHED
        ),
        key=lambda entry: (entry.starts_at, entry.room, entry.id),
    )
    starts, ends = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
    days: list[Day] = []
    day = starts.date()
    while day <= ends.date():
        midnight = datetime.combine(day, time(), zone)
        start = max(starts, midnight)
        end = min(ends, datetime.combine(day + timedelta(days=1), time(), zone))
        columns = tuple(
            (
                column,
                tuple(e for e in entries if e.room == column.name and e.starts_at.date() == day),
            )
            for column in rooms
        )
        days.append(Day(index=len(days) + 1, date=day, start=start, end=end, rooms=columns))
        day += timedelta(days=1)
    return Programme(
        version=str(grid.version.number),
        acronym=acronym,
        title=event.title,
        start=starts.date(),
        end=ends.date(),
        time_zone=event.time_zone,
        base_url=settings.SITE_URL + "/",
        url=settings.SITE_URL + reverse("timetable:grid", kwargs={"event_slug": event.slug}),
        rooms=rooms,
        days=tuple(days),
    )


def _hours_minutes(span: timedelta) -> str:
    minutes = int(span.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _text(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def schedule_xml(programme: Programme) -> bytes:
    """The programme as frab schedule XML."""
    root = ET.Element("schedule")
    _text(root, "generator", name="One Team")
    _text(root, "version", programme.version)
    conference = ET.SubElement(root, "conference")
    _text(conference, "acronym", programme.acronym)
    _text(conference, "title", programme.title)
    _text(conference, "start", programme.start.isoformat())
    _text(conference, "end", programme.end.isoformat())
    _text(conference, "days", str(len(programme.days)))
    _text(conference, "timeslot_duration", TIMESLOT_DURATION)
    _text(conference, "base_url", programme.base_url)
    _text(conference, "time_zone_name", programme.time_zone)
    for day in programme.days:
        day_element = ET.SubElement(
            root,
            "day",
            index=str(day.index),
            date=day.date.isoformat(),
            start=day.start.isoformat(),
            end=day.end.isoformat(),
        )
        for column, entries in day.rooms:
            room = ET.SubElement(day_element, "room", name=column.name, guid=column.guid)
            for entry in entries:
                event = ET.SubElement(room, "event", guid=entry.guid, id=str(entry.id))
                _text(event, "date", entry.starts_at.isoformat())
                _text(event, "start", entry.starts_at.strftime("%H:%M"))
                _text(event, "duration", _hours_minutes(entry.duration))
                _text(event, "room", entry.room)
                _text(event, "slug", entry.slug)
                _text(event, "url", entry.url)
                _text(event, "title", entry.title)
                _text(event, "subtitle")
                _text(event, "track")
                _text(event, "type", entry.type)
                _text(event, "language", entry.language)
                _text(event, "abstract", entry.abstract)
                _text(event, "description")
                _text(event, "logo")
                persons = ET.SubElement(event, "persons")
                for person in entry.persons:
                    _text(persons, "person", person.name)
                ET.SubElement(event, "links")
                ET.SubElement(event, "attachments")
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _json_event(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "guid": entry.guid,
        "date": entry.starts_at.isoformat(),
        "start": entry.starts_at.strftime("%H:%M"),
        "duration": _hours_minutes(entry.duration),
        "room": entry.room,
        "slug": entry.slug,
        "url": entry.url,
        "title": entry.title,
        "subtitle": "",
        "track": None,
        "type": entry.type,
        "language": entry.language,
        "abstract": entry.abstract,
        "description": "",
        "persons": [{"name": p.name, "guid": p.guid} for p in entry.persons],
        "links": [],
        "attachments": [],
    }


def schedule_json(programme: Programme) -> dict[str, Any]:
    """The programme as c3voc schedule JSON (a dict ready for json.dumps)."""
    return {
        "$schema": JSON_SCHEMA,
        "generator": {"name": "One Team"},
        "schedule": {
            "version": programme.version,
            "base_url": programme.base_url,
            "conference": {
                "acronym": programme.acronym,
                "title": programme.title,
                "start": programme.start.isoformat(),
                "end": programme.end.isoformat(),
                "daysCount": len(programme.days),
                "timeslot_duration": TIMESLOT_DURATION,
                "time_zone_name": programme.time_zone,
                "url": programme.url,
                "rooms": [{"name": room.name, "guid": room.guid} for room in programme.rooms],
                "days": [
                    {
                        "index": day.index,
                        "date": day.date.isoformat(),
                        "day_start": day.start.isoformat(),
                        "day_end": day.end.isoformat(),
                        "rooms": {
                            column.name: [_json_event(entry) for entry in entries]
                            for column, entries in day.rooms
                        },
                    }
                    for day in programme.days
                ],
            },
        },
    }
