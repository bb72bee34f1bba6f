"""The big screen follows a publish and the clock without a reload; the phone page fits 320 px.

The live server here is pytest-django's (WSGI, in a thread of this process), which hands a
streaming response over only when it ends. Streams are cut to a second (tests/browser/conftest.py)
so each answer arrives like a long poll and the page's EventSource reconnects with its
Last-Event-ID, as after a dropped connection under uvicorn: what reaches the page is the real
broker's events, through live.js, to htmx's refetch of the board's fragment.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from oneteam.events.models import Slot
from oneteam.timetable.models import ScheduleVersion
from oneteam.timetable.selectors import version_placements
from oneteam.timetable.services.versions import (
    version_copy,
    version_publish,
    version_replace_placements,
)
from oneteam.timetable.views import board as board_views
from tests.browser.layout import horizontal_overflow
from tests.timetable.access import published_version

pytestmark = [
    pytest.mark.browser,
    # Django's WSGI handler says so each time it buffers a stream; expected here (see above).
    pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume:Warning"),
]


def test_board_shows_a_new_grid_within_seconds_of_a_publish_without_reloading(
    world, new_context, problems, axe_check
):
    first = published_version(world)
    placed = version_placements(version=first)
    dropped = first.placements.select_related("session").first().session
    page = new_context().new_page()
    problems.watch(page)
    page.goto(f"/timetable/{world.event.slug}/board/")
    board = page.locator("#board")
    expect(board).to_have_attribute("data-board-version", str(first.number))
    expect(board).to_contain_text(dropped.title)
    axe_check(page)
    # Anything the page holds in memory is lost if it navigates or reloads.
    page.evaluate("window.boardWasNotReloaded = true")

    second = version_copy(version=first, origin=ScheduleVersion.Origin.ADJUSTED)
    del placed[dropped.pk]
    version_replace_placements(version=second, placements=placed)
    version_publish(version=second)
    published_at = time.monotonic()

    expect(board).to_have_attribute("data-board-version", str(second.number), timeout=5_000)
    # Streams of 1 s plus a reconnection: the worst case here is about 1.5 s (under uvicorn a
    # stream stays open and the event arrives in milliseconds).
    assert time.monotonic() - published_at < 3
    expect(board).not_to_contain_text(dropped.title)
    assert page.evaluate("window.boardWasNotReloaded") is True
    assert problems.messages == []


def test_board_moves_now_on_at_the_end_of_a_slot_without_reloading(
    world, new_context, problems, monkeypatch
):
    published_version(world)
    first = Slot.objects.filter(event=world.event, kind=Slot.Kind.SESSIONS).earliest("starts_at")
    # The server's clock runs from a second before the first session slot ends.
    started, moment = time.monotonic(), first.ends_at - timedelta(seconds=1)
    monkeypatch.setattr(
        board_views, "clock", lambda: moment + timedelta(seconds=time.monotonic() - started)
    )
    page = new_context().new_page()
    problems.watch(page)
    page.goto(f"/timetable/{world.event.slug}/board/")
    now_row = page.locator(".ot-timetable__row--now")
    expect(now_row).to_contain_text("Now")
    page.evaluate("window.boardWasNotReloaded = true")

    # board.js refetches the fragment at the slot's end (plus up to 1.75 s of spread).
    expect(now_row).to_have_count(0, timeout=5_000)
    expect(page.locator(".ot-board__status")).to_contain_text("Next at")
    assert page.evaluate("window.boardWasNotReloaded") is True
    assert problems.messages == []


def test_whats_on_now_fits_a_320_px_phone(world, new_context, problems, axe_check):
    published_version(world)
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    problems.watch(page)
    page.goto(f"/timetable/{world.event.slug}/now/")
    expect(page.get_by_role("heading", name="Next", exact=False).first).to_be_visible()
    axe_check(page)
    assert horizontal_overflow(page) == []
    assert problems.messages == []
