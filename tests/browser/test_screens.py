"""Screens on a wall: the venue board and the pitching projector fit a projector's 1280 x 720 and
a television's 1920 x 1080 whole (every room, every slot, no scrolling), whatever the size of the
grid, and show nothing of the site around them (no menu, banner or footer)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from oneteam.accounts.models import User
from oneteam.events.models import Event, Room, Slot
from oneteam.programme.models import EventProgramme, Session
from tests.browser.conftest import BrowserProblems
from tests.browser.layout import horizontal_overflow
from tests.browser.screens import SITE_CHROME, large_grid_event, outside_viewport

pytestmark = [
    pytest.mark.browser,
    # Live streams end after a second here (conftest.py); Django says so as it buffers them.
    pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume:Warning"),
]

SCREENS = [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]
_FITTED = "() => document.querySelector('.ot-board').style.getPropertyValue('--board-font-size')"
_FONT_PX = "parseFloat(getComputedStyle(document.querySelector('.ot-board')).fontSize)"


def _font_px(page: Page) -> float:
    return page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.ot-board')).fontSize)"
    )


def _open_board(
    new_context: Callable[..., BrowserContext],
    problems: BrowserProblems,
    slug: str,
    viewport: dict[str, int],
    **options: Any,
) -> Page:
    page = new_context(viewport=viewport, **options).new_page()
    problems.watch(page)
    page.goto(f"/timetable/{slug}/board/")
    return page


def _expect_every_room_and_slot(page: Page, event: Event) -> None:
    rooms = Room.objects.filter(event=event).count()
    slots = Slot.objects.filter(event=event).count()
    expect(page.locator("#board thead th")).to_have_count(rooms + 1)  # and the time column
    expect(page.locator("#board tbody tr")).to_have_count(slots)


@pytest.mark.parametrize("viewport", SCREENS, ids=lambda v: f"{v['width']}x{v['height']}")
def test_board_shows_the_whole_demo_grid_on_one_screen(
    viewport, world, new_context, problems, axe_check
):
    # The demo loads with its grid published (the day is weeks away: every slot is to come).
    page = _open_board(new_context, problems, world.event.slug, viewport)
    page.wait_for_function(_FITTED)

    _expect_every_room_and_slot(page, world.event)
    assert outside_viewport(page) == []
    expect(page.locator(SITE_CHROME)).to_have_count(0)
    # Fitting only shrinks type as far as it must: the demo's 5 x 6 grid reads from afar.
    assert _font_px(page) >= viewport["height"] / 40
    axe_check(page)
    assert problems.messages == []


@pytest.mark.parametrize("viewport", SCREENS, ids=lambda v: f"{v['width']}x{v['height']}")
def test_board_shows_a_ten_room_twelve_slot_grid_on_one_screen(
    viewport, world, new_context, problems
):
    hosts = list(User.objects.filter(email__endswith=world.organiser.email.split("@")[1])[:10])
    event = large_grid_event(chapter=world.chapter, hosts=hosts, rooms=10, slots=12)
    page = _open_board(new_context, problems, event.slug, viewport)
    page.wait_for_function(_FITTED)

    _expect_every_room_and_slot(page, event)
    assert outside_viewport(page) == []
    assert _font_px(page) >= 9
    assert problems.messages == []


def test_board_fits_again_when_the_screen_changes_size(world, new_context, problems):
    page = _open_board(new_context, problems, world.event.slug, SCREENS[1])
    page.wait_for_function(_FITTED)
    large = _font_px(page)

    page.set_viewport_size(SCREENS[0])

    page.wait_for_function(f"() => {_FONT_PX} < {large}")
    assert outside_viewport(page) == []


def test_board_without_javascript_shows_every_room_and_slot_without_sideways_scrolling(
    world, new_context, problems
):
    hosts = list(User.objects.filter(email__endswith=world.organiser.email.split("@")[1])[:10])
    event = large_grid_event(chapter=world.chapter, hosts=hosts, rooms=10, slots=12)
    page = _open_board(new_context, problems, event.slug, SCREENS[0], java_script_enabled=False)

    # Too big for one screen at the CSS's type size: the page scrolls down, never sideways.
    _expect_every_room_and_slot(page, event)
    assert horizontal_overflow(page) == []
    expect(page.locator(SITE_CHROME)).to_have_count(0)


@pytest.mark.parametrize("viewport", SCREENS, ids=lambda v: f"{v['width']}x{v['height']}")
def test_projector_shows_the_longest_pitch_and_the_next_on_one_screen(
    viewport, world, new_context, sign_in, problems, axe_check
):
    sessions = list(Session.objects.filter(event=world.event).order_by("pk")[:2])
    sessions[0].title = ("Why do we still hand over policy as a document, when the service " * 3)[
        :120
    ]
    sessions[0].save()
    EventProgramme.objects.filter(event=world.event).update(current_pitch=sessions[0])
    context = new_context(viewport=viewport)
    sign_in(context, world.organiser)
    page = context.new_page()
    problems.watch(page)

    page.goto(f"/programme/{world.event.slug}/projector/")

    expect(page.locator(".govuk-panel__title")).to_have_text(sessions[0].title)
    expect(page.get_by_role("main")).to_contain_text("Up next")
    assert outside_viewport(page) == []
    expect(page.locator(SITE_CHROME)).to_have_count(0)
    axe_check(page)
    assert problems.messages == []
