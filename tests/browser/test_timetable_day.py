"""The issue's end-to-end proof, in one journey: the organiser builds the grid and publishes it;
a venue board open in a second browser context shows it without a reload; an attendee's agenda
(a third context) shows their sessions with rooms and times.

The build is queued by the page, as on the day, and run by calling what the worker runs. The
live server is pytest-django's WSGI one, so live streams are cut to a second (see
test_timetable_board.py): events arrive like long polls, through the real broker and live.js.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from oneteam.timetable.models import ScheduleBuild
from oneteam.timetable.selectors import current_version, version_placements
from oneteam.timetable.services.builds import build_run
from tests.browser.signed_in import signed_in_page
from tests.timetable.conftest import fixture_grid_world  # noqa: F401 (the fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume:Warning"),
]


def test_organiser_builds_and_publishes_board_and_agenda_follow(
    grid_world, new_context, sign_in, problems, organiser, axe_check
):
    w = grid_world
    board = new_context().new_page()  # the venue screen: nobody signed in
    problems.watch(board)
    board.goto(f"/timetable/{w.event.slug}/board/")
    expect(board.get_by_text("The grid has not been published yet")).to_be_visible()
    board.evaluate("window.boardWasNotReloaded = true")

    organise = signed_in_page(new_context, sign_in, problems, organiser)
    organise.goto(f"/timetable/{w.event.slug}/organise/")
    organise.get_by_label("How long to search").select_option("5")
    organise.get_by_role("button", name="Build the grid").click()
    expect(organise.get_by_text("Waiting to start")).to_be_visible()
    build_run(build_id=ScheduleBuild.objects.get().pk)  # what the worker does
    expect(organise.get_by_role("heading", name="The grid is ready to check")).to_be_visible()
    organise.get_by_role("link", name="Preview version 1").click()
    organise.get_by_role("button", name="Publish this grid").click()
    expect(organise.get_by_text("Version 1 is now the published grid.")).to_be_visible()
    published_at = time.monotonic()

    version = current_version(event=w.event)
    placed = version_placements(version=version)
    titles = [s.title for s in w.sessions.values() if s.pk in placed]
    assert len(titles) == len(w.sessions)
    grid = board.locator("#board")
    expect(grid).to_have_attribute("data-board-version", "1", timeout=5_000)
    assert time.monotonic() - published_at < 3
    for title in titles:
        expect(grid).to_contain_text(title)
    assert board.evaluate("window.boardWasNotReloaded") is True
    axe_check(board)

    # Alice marked A and B and hosts C: her agenda lists all three, each with its room.
    agenda = signed_in_page(new_context, sign_in, problems, w.people["alice"])
    agenda.goto(f"/timetable/{w.event.slug}/agenda/")
    rows = agenda.locator("#agenda-sessions tbody tr")
    expect(rows).to_have_count(3)
    rooms = {r.pk: r.name for r in w.rooms.values()}
    for key in "ABC":
        session = w.sessions[key]
        row = rows.filter(has_text=session.title)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(rooms[placed[session.pk][0]])
    axe_check(agenda)
    assert problems.messages == [], problems.messages
