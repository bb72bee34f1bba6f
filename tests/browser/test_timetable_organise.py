"""Building and publishing the grid in a browser: the build page follows a build run by the
worker without a reload, and the organiser previews and publishes the new version. Each page is
checked with axe-core (WCAG 2.2 AA) and for CSP violations or script errors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from oneteam.timetable.models import ScheduleBuild
from oneteam.timetable.selectors import current_version
from oneteam.timetable.services.builds import build_run
from tests.browser.signed_in import signed_in_page
from tests.timetable.conftest import (
    IMMEDIATE_TASKS,
    fixture_grid_world,  # noqa: F401 (the fixture)
)

pytestmark = pytest.mark.browser


def test_build_page_follows_the_worker_without_a_reload(
    grid_world, new_context, sign_in, problems, organiser, axe_check
):
    w = grid_world
    page = signed_in_page(new_context, sign_in, problems, organiser)
    page.goto(f"/timetable/{w.event.slug}/organise/")
    axe_check(page)
    page.get_by_label("How long to search").select_option("5")
    page.get_by_role("button", name="Build the grid").click()

    # The database backend only queues the job: the page waits for the worker.
    expect(page.get_by_text("Waiting to start")).to_be_visible()
    axe_check(page)
    page.evaluate("window.notReloaded = true")
    build = ScheduleBuild.objects.get()
    assert build.status == ScheduleBuild.Status.QUEUED

    build_run(build_id=build.pk)  # what the worker does

    expect(page.get_by_role("heading", name="The grid is ready to check")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    page.get_by_role("link", name="Preview version 1").click()
    expect(page.get_by_role("heading", name=re.compile("Version 1"))).to_be_visible()
    expect(page.get_by_role("heading", name="The sessions that most hurt")).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name="Publish this grid").click()
    expect(page.get_by_text("Version 1 is now the published grid.")).to_be_visible()
    assert current_version(event=w.event).number == 1
    axe_check(page)
    assert problems.messages == []


def test_build_and_publish_without_javascript(
    grid_world, new_context, sign_in, problems, organiser, settings
):
    settings.TASKS = IMMEDIATE_TASKS
    w = grid_world
    page = signed_in_page(new_context, sign_in, problems, organiser, java_script_enabled=False)
    page.goto(f"/timetable/{w.event.slug}/organise/")
    page.get_by_label("How long to search").select_option("5")
    page.get_by_role("button", name="Build the grid").click()

    expect(page.get_by_role("heading", name="The grid is ready to check")).to_be_visible()
    page.get_by_role("link", name="Preview version 1").click()
    page.get_by_role("button", name="Publish this grid").click()
    expect(page.get_by_text("Version 1 is now the published grid.")).to_be_visible()
    page.get_by_role("link", name="Build and publish the grid").click()
    expect(page.get_by_text("Version 1 is the published grid")).to_be_visible()
    expect(
        page.get_by_role("button", name="Repair the published grid: place late pitches")
    ).to_be_visible()
    assert problems.messages == []
