"""An attendee's agenda in the browser: their sessions with rooms and times, a clash, and the
agenda following a new publish without a reload.

As in test_timetable_board.py, streams are cut to a second: pytest-django's WSGI live server
hands a streaming response over only when it ends, so each answer arrives like a long poll and
live.js reconnects with its last event id."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from oneteam.events.models import Registration, Room, Slot
from oneteam.programme.models import Interest, Session
from oneteam.timetable.models import AgendaFeed, ScheduleVersion
from oneteam.timetable.services.versions import version_create, version_publish

pytestmark = pytest.mark.browser


def _publish(event, layout) -> ScheduleVersion:
    placements = {s.pk: (r.pk, t.pk) for s, (r, t) in layout.items()}
    version = version_create(
        event=event, placements=placements, origin=ScheduleVersion.Origin.ADJUSTED
    )
    return version_publish(version=version)


@pytest.fixture
def short_streams(settings) -> None:
    settings.LIVE_STREAM_MAX_SECONDS = 1.0
    settings.LIVE_RETRY_MS = 100


def test_attendees_agenda_shows_their_sessions_and_follows_a_publish(
    event, member, other_member, new_context, sign_in, problems, axe_check, short_streams
):
    Registration.objects.create(event=event, user=member, status=Registration.Status.CONFIRMED)
    hall = Room.objects.create(event=event, name="Hall", capacity=30)
    attic = Room.objects.create(event=event, name="Attic", capacity=10, step_free=False)
    start = event.starts_at.replace(minute=0, second=0, microsecond=0)
    ten, eleven, one = (
        Slot.objects.create(
            event=event,
            starts_at=start + timedelta(hours=h),
            ends_at=start + timedelta(hours=h, minutes=50),
        )
        for h in (1, 2, 4)
    )
    titles = ["Open policy", "Data for all", "Service design"]
    policy, data, design = (Session.objects.create(event=event, title=t) for t in titles)
    for session in (policy, data):
        session.hosts.add(other_member)
        Interest.objects.create(session=session, user=member)
    design.hosts.add(member)
    _publish(event, {policy: (hall, ten), data: (hall, eleven), design: (attic, eleven)})

    context = new_context()
    sign_in(context, member)
    page = context.new_page()
    problems.watch(page)
    page.goto(f"/timetable/{event.slug}/agenda/")
    rows = page.locator("#agenda-sessions tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Open policy")
    expect(rows.nth(0)).to_contain_text("Hall")
    expect(rows.nth(0)).to_contain_text("Charlie Data")
    expect(rows.nth(1)).to_contain_text("Service design")
    expect(rows.nth(1)).to_contain_text("You host")
    expect(rows.nth(1)).to_contain_text("Not step-free")
    expect(page.locator(".govuk-warning-text")).to_contain_text("“Service design” (Attic)")
    axe_check(page)

    # The organisers move Service design away from the clash and publish.
    page.evaluate("window.agendaWasNotReloaded = true")
    # The page asks for everything after the id it was rendered with, so it need not be
    # connected yet when the publish happens.
    _publish(event, {policy: (hall, ten), data: (hall, eleven), design: (attic, one)})
    expect(page.locator(".govuk-warning-text")).to_have_count(0, timeout=5_000)
    expect(rows.nth(2)).to_contain_text("Service design")
    assert page.evaluate("window.agendaWasNotReloaded") is True
    # Alice hosts the session that moved: her agenda says so until she dismisses it.
    notices = page.locator("#notices")
    expect(notices).to_contain_text("“Service design” moved from Attic")
    page.get_by_role("button", name="Dismiss the change to “Service design”").click()
    expect(notices).to_have_count(0)
    page.reload()
    expect(notices).to_have_count(0)
    assert problems.messages == [], problems.messages


def test_member_creates_and_revokes_a_calendar_feed(
    event, member, new_context, sign_in, problems, axe_check
):
    context = new_context()
    sign_in(context, member)
    page = context.new_page()
    problems.watch(page)
    page.goto(f"/timetable/{event.slug}/agenda/")
    page.get_by_role("link", name="Manage your calendar feed").click()
    page.get_by_role("button", name="Create my calendar feed").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your calendar feed is ready"
    )
    address = page.get_by_label(re.compile("Or copy this address"))
    token = AgendaFeed.objects.get(user=member).token
    expect(address).to_have_value(re.compile(rf"/agenda/{token}\.ics$"))
    expect(page.get_by_role("link", name="Open in your calendar app")).to_have_attribute(
        "href", re.compile(r"^webcal://")
    )
    axe_check(page)
    page.get_by_role("button", name="Revoke this feed").click()
    expect(page.get_by_role("button", name="Create my calendar feed")).to_be_visible()
    assert not AgendaFeed.objects.filter(user=member).exists()
    assert problems.messages == [], problems.messages
