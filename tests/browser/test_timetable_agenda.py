"""An attendee's agenda in the browser: their sessions with rooms and times, a clash, and the
agenda following a new publish without a reload.

As in test_timetable_board.py, streams are cut to a second (tests/browser/conftest.py):
pytest-django's WSGI live server hands a streaming response over only when it ends, so each answer
arrives like a long poll and live.js reconnects with its last event id."""

from __future__ import annotations

import re

import pytest
from django.db.models import Count
from playwright.sync_api import expect

from oneteam.accounts.models import User
from oneteam.timetable.models import AgendaFeed
from tests.browser.layout import broken_words, horizontal_overflow
from tests.browser.signed_in import signed_in_page
from tests.timetable.conftest import (
    fixture_grid_world,  # noqa: F401 (the fixture)
    publish_layout,
)

pytestmark = pytest.mark.browser


def test_attendees_agenda_shows_their_sessions_and_follows_a_publish(
    grid_world, new_context, sign_in, problems, axe_check
):
    w = grid_world
    # Alice marked A and B and hosts C, which sits beside B at 11:00: a clash for her.
    layout = {"A": ("hall", "ten"), "B": ("hall", "eleven"), "C": ("attic", "eleven")}
    publish_layout(w, layout)

    page = signed_in_page(new_context, sign_in, problems, w.people["alice"])
    page.goto(f"/timetable/{w.event.slug}/agenda/")
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
    publish_layout(w, dict(layout, C=("attic", "one")))
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
    page = signed_in_page(new_context, sign_in, problems, member)
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


@pytest.mark.parametrize("width", [320, 700, 1280])
def test_agenda_reads_on_a_phone_without_sideways_scrolling_or_words_broken_mid_word(
    width, world, new_context, sign_in, problems, axe_check
):
    # The demo's grid is published; its busiest attendee has sessions in every slot, clashes
    # and sessions they host, in rooms with long names.
    busiest = (
        User.objects.filter(interests__session__event=world.event)
        .annotate(marked=Count("interests"))
        .order_by("-marked", "pk")
        .first()
    )
    page = signed_in_page(
        new_context, sign_in, problems, busiest, viewport={"width": width, "height": 640}
    )
    page.goto(f"/timetable/{world.event.slug}/agenda/")
    sessions = page.locator("#agenda-sessions tbody tr")
    expect(sessions.first).to_be_visible()

    assert sessions.count() >= 4
    assert horizontal_overflow(page) == []
    assert broken_words(page, "#agenda-sessions") == []
    # On a phone each line says what it is; on a wide screen the column headings do.
    expect(sessions.first.get_by_text("Where", exact=True)).to_be_visible(visible=width < 641)
    axe_check(page)
    assert problems.messages == []
