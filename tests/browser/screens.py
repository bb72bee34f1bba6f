"""Checks for pages shown on a screen on a wall: everything inside the viewport, no site chrome.

`large_grid_event` makes an un-conference with a published grid of many rooms and slots, with
titles and room names as long as real ones, for the board to fit."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter
from oneteam.events.models import Event, Room, Slot
from oneteam.programme.models import Session
from oneteam.timetable.models import ScheduleVersion
from oneteam.timetable.services.versions import version_create, version_publish

_TITLES = [
    "Letters people understand",
    "Procurement that lets teams change their minds",
    "Legacy technology and the policy it locks in",
    "Co-design with people with lived experience",
    "Why do we still hand over policy as a document?",
    "AI in casework: where are the guardrails?",
    "Data sharing between councils: what actually works",
    "Burnout in public service",
]
_ROOMS = ["Committee room", "Main hall", "Mezzanine library", "Garden room", "Studio"]

# What the page has outside the viewport, and whether anything scrolls: empty when it all fits.
_OUTSIDE = """() => {
  const page = document.scrollingElement;
  const problems = [];
  if (page.scrollHeight > innerHeight) problems.push(`page is ${page.scrollHeight}px tall`);
  if (page.scrollWidth > innerWidth) problems.push(`page is ${page.scrollWidth}px wide`);
  for (const el of document.querySelectorAll("main th, main td, main h1, main h2, main p")) {
    const box = el.getBoundingClientRect();
    if (box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5 || box.top < -0.5) {
      problems.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" ` +
        `is at ${Math.round(box.right)}x${Math.round(box.bottom)}`);
    }
  }
  return problems;
}"""

SITE_CHROME = (
    "header, footer, nav, .govuk-header, .govuk-service-navigation, .govuk-phase-banner, "
    ".govuk-footer, .govuk-skip-link"
)


def outside_viewport(page: Page) -> list[str]:
    """What sticks out of the viewport (or makes the page scroll); empty when it all fits."""
    return page.evaluate(_OUTSIDE)


def large_grid_event(
    *, chapter: Chapter, hosts: list[User], rooms: int, slots: int, slug: str = "big-day"
) -> Event:
    """A published un-conference with `rooms` x `slots` sessions, every cell filled."""
    zone = ZoneInfo("Europe/London")
    starts = datetime(2030, 6, 1, 9, 0, tzinfo=zone)
    event = Event.objects.create(
        chapter=chapter,
        slug=slug,
        title="One Team all-hands un-conference with a long name",
        starts_at=starts,
        ends_at=starts + timedelta(hours=12),
        status=Event.Status.PUBLISHED,
    )
    made_rooms = [
        Room.objects.create(event=event, name=f"{_ROOMS[r % len(_ROOMS)]} {r + 1}", capacity=40 + r)
        for r in range(rooms)
    ]
    made_slots = [
        Slot.objects.create(
            event=event,
            starts_at=starts + timedelta(minutes=50 * s),
            ends_at=starts + timedelta(minutes=50 * s + 45),
        )
        for s in range(slots)
    ]
    placements = {}
    for s, slot in enumerate(made_slots):
        for r, room in enumerate(made_rooms):
            session = Session.objects.create(
                event=event, title=_TITLES[(s * rooms + r) % len(_TITLES)]
            )
            # One host per room: nobody is in two places at once.
            session.hosts.add(hosts[r % len(hosts)])
            placements[session.pk] = (room.pk, slot.pk)
    version = version_create(
        event=event, placements=placements, origin=ScheduleVersion.Origin.ADJUSTED
    )
    version_publish(version=version)
    return event
