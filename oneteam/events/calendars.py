"""iCalendar (RFC 5545) and Atom renderings of events, for calendar apps and feed readers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from icalendar.enums import STATUS

from oneteam.chapters.models import Chapter
from oneteam.events.models import Event

PRODID = "-//One Team//Events//EN"


def _event_url(event: Event) -> str:
    return settings.SITE_URL + reverse("events:detail", kwargs={"slug": event.slug})


def venue_location(event: Event) -> str:
    """The venue's name and address on one line (shared with the timetable's agenda feed)."""
    address = " ".join(event.venue_address.split())
    return ", ".join(part for part in (event.venue_name, address) if part)


def site_host() -> str:
    """The domain part of UIDs: stable per site, so calendar apps recognise updates."""
    return urlsplit(settings.SITE_URL).hostname or "oneteam.localhost"


def _vevent(event: Event) -> icalendar.Event:
    zone = ZoneInfo(event.time_zone)
    host = site_host()
    status = STATUS.CANCELLED if event.status == Event.Status.CANCELLED else STATUS.CONFIRMED
    return icalendar.Event.new(
        uid=f"event-{event.pk}@{host}",
        stamp=timezone.now(),
        start=event.starts_at.astimezone(zone),
        end=event.ends_at.astimezone(zone),
        summary=event.title,
        description=f"{event.description}\n\n{_event_url(event)}".strip(),
        location=venue_location(event) or None,
        url=_event_url(event),
        status=status,
    )


def calendar_bytes(
    components: Iterable[icalendar.Event],
    *,
    name: str,
    refresh: timedelta | None = None,
    uid: str | None = None,
) -> bytes:
    """A whole calendar of the given VEVENTs, with the time zones they use."""
    calendar = icalendar.Calendar.new(name=name, prodid=PRODID, refresh_interval=refresh, uid=uid)
    for component in components:
        calendar.add_component(component)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()  # icalendar leaves to_ical() un-annotated
    return data


def icalendar_for(events: Iterable[Event], *, name: str) -> bytes:
    return calendar_bytes((_vevent(event) for event in events), name=name)


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
        where = venue_location(event)
        feed.add_item(
            title=event.title,
            link=_event_url(event),
            description=f"{when:%A %d %B %Y, %H:%M} · {where}\n\n{event.description}",
            unique_id=_event_url(event),
            pubdate=event.created_at,
            updateddate=event.created_at,
        )
    return feed.writeString("utf-8")
