"""The wheelchair user's session: an attendee registers saying they need step-free access,
marks interest in a session, the organiser builds and publishes the grid, and the attendee's
agenda shows the session in a step-free room.

In `grid_world` (tests/timetable/conftest.py) the Studio is made not step-free here, so the
Hall is the one step-free room: without Wendy's need, the busier sessions would take it and
“Service design” would go upstairs."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from oneteam.events.models import Registration
from oneteam.programme.models import Interest
from oneteam.timetable.selectors import current_version, version_placements
from tests.browser.signed_in import signed_in_page
from tests.conftest import make_member
from tests.timetable.conftest import (
    IMMEDIATE_TASKS,
    fixture_grid_world,  # noqa: F401 (the fixture)
)

pytestmark = pytest.mark.browser

INTERESTED = re.compile("I\N{RIGHT SINGLE QUOTATION MARK}m interested")


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_wheelchair_users_session_is_put_in_a_step_free_room(
    grid_world, organiser, new_context, sign_in, problems, axe_check
):
    w = grid_world
    w.rooms["studio"].step_free = False
    w.rooms["studio"].save()
    session = w.sessions["C"]  # “Service design”
    wendy = make_member("wendy@example.org", name="Wendy Wheels", discipline="delivery")

    # Wendy registers, saying she needs step-free access.
    page = signed_in_page(new_context, sign_in, problems, wendy)
    page.goto(f"/events/{w.event.slug}/register/")
    page.get_by_label("I need step-free access").check()
    page.get_by_label("I will follow the code of conduct").check()
    axe_check(page)
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have a place")
    registration = Registration.objects.get(event=w.event, user=wendy)
    assert (registration.status, registration.needs_step_free) == (
        Registration.Status.CONFIRMED,
        True,
    )

    # She marks interest in “Service design”.
    page.goto(f"/programme/{w.event.slug}/")
    card = page.locator(f"#session-{session.pk}")
    card.get_by_role("button", name=INTERESTED).click()
    expect(card.get_by_role("button", name=re.compile("Remove my interest"))).to_be_visible()
    assert Interest.objects.filter(session=session, user=wendy).exists()

    # The organiser builds the grid and publishes it.
    olu = signed_in_page(new_context, sign_in, problems, organiser)
    olu.goto(f"/timetable/{w.event.slug}/organise/")
    olu.get_by_label("How long to search").select_option("5")
    olu.get_by_role("button", name="Build the grid").click()
    expect(olu.locator(".govuk-panel")).to_contain_text("The grid is ready to check")
    olu.locator(".govuk-main-wrapper").get_by_role("link", name="Preview version 1").click()
    olu.get_by_role("button", name="Publish this grid").click()
    expect(olu.locator(".govuk-notification-banner")).to_contain_text(
        "Version 1 is now the published grid."
    )
    published = current_version(event=w.event)
    assert published is not None
    room_pk = version_placements(version=published)[session.pk][0]
    assert room_pk == w.rooms["hall"].pk

    # Her agenda shows the session in the Hall, step-free.
    page.goto(f"/timetable/{w.event.slug}/agenda/")
    row = page.locator("#agenda-sessions tbody tr", has_text="Service design")
    expect(row).to_contain_text("Hall")
    expect(row).to_contain_text("Step-free")
    expect(row).not_to_contain_text("Not step-free")
    axe_check(page)
    assert problems.messages == [], problems.messages
