"""iCalendar (RFC 5545) and Atom renderings of events, for calendar apps and feed readers."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from oneteam.chapters.models import Chapter
from oneteam.events.models import Event

PRODID = "-//One Team//Events//EN"


def _event_url(event: Event) -> str:
    return settings.SITE_URL + reverse("events:detail", kwargs={"slug": event.slug})


def _location(event: Event) -> str:
    address = " ".join(event.venue_address.split())
    return ", ".join(part for part in (event.venue_name, address) if part)


def _vevent(event: Event) -> icalendar.Event:
    zone = ZoneInfo(event.time_zone)
    host = urlsplit(settings.SITE_URL).hostname or "oneteam.localhost"
    status = "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED"
    return icalendar.Event.new(
        uid=f"event-{event.pk}@{host}",
        stamp=timezone.now(),
        start=event.starts_at.astimezone(zone),
        end=event.ends_at.astimezone(zone),
        summary=event.title,
        description=f"{event.description}\n\n{_event_url(event)}".strip(),
        location=_location(event) or None,
        url=_event_url(event),
        status=status,
    )


def icalendar_for(events: Iterable[Event], *, name: str) -> bytes:
    calendar = icalendar.Calendar.new(name=name, prodid=PRODID)
    for event in events:
        calendar.add_component(_vevent(event))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def atom_for(chapter: Chapter, events: Iterable[Event]) -> str:
    link = settings.SITE_URL + reverse("chapters:detail", kwargs={"slug": chapter.slug})
    feed = Atom1Feed(
        title=_("Upcoming events of %(chapter)s") % {"chapter": chapter.name},
        link=link,
        description=chapter.description,
        language=settings.LANGUAGE_CODE,
        feed_url=settings.SITE_URL + reverse("chapters:feed", kwargs={"slug": chapter.slug}),
    )
    for event in events:
        when = timezone.localtime(event.starts_at, ZoneInfo(event.time_zone))
        feed.add_item(
            title=event.title,
            link=_event_url(event),
            description=f"{when:%A %d %B %Y, %H:%M} · {_location(event)}\n\n{event.description}",
            unique_id=_event_url(event),
            pubdate=event.created_at,
            updateddate=event.created_at,
        )
    return feed.writeString("utf-8")
