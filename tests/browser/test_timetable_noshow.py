"""A host who does not show: the organiser cancels their session on the published grid, and an
attendee who wanted it finds out on their agenda. Each page is checked with axe-core (WCAG 2.2
AA) and for CSP violations or script errors."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from oneteam.programme.models import Session
from oneteam.timetable.selectors import current_version, version_placements
from tests.browser.signed_in import signed_in_page
from tests.timetable.conftest import (
    GOOD_LAYOUT,
    fixture_grid_world,  # noqa: F401 (the fixture)
    publish_layout,
)

pytestmark = pytest.mark.browser


def test_organiser_cancels_a_no_show_and_an_interested_attendee_is_told(
    grid_world, new_context, sign_in, problems, organiser, axe_check
):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    ten = w.slots["ten"].starts_at.astimezone(ZoneInfo(w.event.time_zone)).strftime("%H:%M")

    olu = signed_in_page(new_context, sign_in, problems, organiser)
    olu.goto(f"/timetable/{w.event.slug}/organise/")
    expect(olu.locator("#public-and-open")).to_contain_text(
        "The grid is public. Version 1 is the published grid"
    )
    olu.get_by_role("link", name="View version 1").click()
    olu.get_by_role("link", name="Cancel this session “Open policy”").click()

    expect(olu.get_by_role("heading", level=1)).to_have_text("Cancel “Open policy”")
    effect = olu.locator("#cancel-effect")
    expect(effect).to_contain_text(f"“Open policy” at {ten} in Hall will be cancelled.")
    expect(effect).to_contain_text("3 people marked interest; they will be told.")
    expect(effect).to_contain_text("Its host, Charlie Data, will be told too.")
    axe_check(olu)
    olu.get_by_role("button", name="Cancel this session").click()

    expect(olu.locator(".govuk-notification-banner")).to_contain_text(
        "“Open policy” is cancelled. Version 2, without it, is now the published grid"
    )
    expect(olu.get_by_role("heading", level=1)).to_contain_text("Version 2")
    grid = olu.locator("#grid")
    expect(grid).to_contain_text("Data for all")
    expect(grid).not_to_contain_text("Open policy")
    # Alice still hosts "Service design" while "Data for all", which she wants, runs.
    expect(olu.locator("#for-people")).to_have_text("1 person loses a session they wanted")
    expect(olu.locator("main")).not_to_contain_text("Total cost")
    axe_check(olu)
    version = current_version(event=w.event)
    assert version.number == 2
    assert w.sessions["A"].pk not in version_placements(version=version)
    assert Session.objects.get(pk=w.sessions["A"].pk).status == Session.Status.WITHDRAWN

    eve = signed_in_page(new_context, sign_in, problems, w.people["eve"])
    eve.goto(f"/timetable/{w.event.slug}/agenda/")
    expect(eve.locator("#notices")).to_contain_text(f"“Open policy” at {ten} in Hall is cancelled.")
    axe_check(eve)
    assert problems.messages == []
