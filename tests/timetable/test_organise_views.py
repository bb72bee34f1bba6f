from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from oneteam.programme.models import Session
from oneteam.timetable.models import ScheduleBuild, ScheduleVersion
from oneteam.timetable.selectors import current_version, version_placements
from tests.timetable.conftest import (
    GOOD_LAYOUT,
    IMMEDIATE_TASKS,
    make_version,
    placements_for,
    publish_layout,
)


def _url(name, world, **kwargs):
    return reverse(f"timetable:{name}", kwargs={"event_slug": world.event.slug, **kwargs})


@pytest.fixture
def olu(client, organiser):
    client.force_login(organiser)
    return client


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_organiser_builds_then_previews_the_new_version(
    grid_world, olu, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = olu.post(_url("build_start", grid_world), {"mode": "build", "time_limit": "1"})

    build = ScheduleBuild.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("build", grid_world, pk=build.pk)
    assert build.time_limit == 1.0
    page = olu.get(response["Location"])
    assert page.status_code == 200
    assert "The grid is ready to check" in page.text
    assert _url("version", grid_world, number=1) in page.text
    # Done: the page stops refreshing itself.
    assert 'http-equiv="refresh"' not in page.text
    assert "every 2s" not in page.text

    preview = olu.get(_url("version", grid_world, number=1))
    assert preview.status_code == 200
    for session in grid_world.sessions.values():
        assert session.title in preview.text
    assert "Publish this grid" in preview.text


def test_a_running_build_refreshes_itself_with_and_without_javascript(grid_world, olu):
    build = ScheduleBuild.objects.create(
        event=grid_world.event, status=ScheduleBuild.Status.RUNNING, best_total=12, note="greedy"
    )
    page = olu.get(_url("build", grid_world, pk=build.pk))
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page.text
    assert "every 2s" in page.text
    # The search's best weighted total means nothing in the room: the page says a grid is found.
    assert "A grid is found; the scheduler is looking for a better one." in page.text
    assert "12" not in page.text.split('id="build-status"')[1].split("</div>")[0]

    fragment = olu.get(_url("build", grid_world, pk=build.pk), headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<div id="build-status"')
    assert "<html" not in fragment.text
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in page["Vary"]


def test_a_failed_build_shows_its_error(grid_world, olu):
    build = ScheduleBuild.objects.create(
        event=grid_world.event, status=ScheduleBuild.Status.FAILED, error="solver fell over"
    )
    page = olu.get(_url("build", grid_world, pk=build.pk))
    assert "solver fell over" in page.text


def test_build_refusal_is_shown_in_an_error_summary(grid_world, olu):
    response = olu.post(_url("build_start", grid_world), {"mode": "repair"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "There is no published grid to repair" in response.text
    assert not ScheduleBuild.objects.exists()


def test_workspace_lists_versions_and_late_pitches(grid_world, olu):
    w = grid_world
    published = publish_layout(w, GOOD_LAYOUT)
    make_version(w, GOOD_LAYOUT)
    late = Session.objects.create(event=w.event, title="Late thoughts")
    late.hosts.add(w.people["eve"])

    page = olu.get(_url("organise", w))

    assert page.status_code == 200
    assert f"Version {published.number} is the published grid" in page.text
    assert "Repair the published grid: place late pitches" in page.text
    assert "1 late pitch is not in the published grid" in page.text
    assert "<li>Late thoughts</li>" in page.text
    assert page.text.count(_url("version", w, number=2)) == 1


def test_workspace_without_a_published_grid_offers_no_repair(grid_world, olu):
    page = olu.get(_url("organise", grid_world))
    assert "Build the grid" in page.text
    assert "Repair the published grid" not in page.text


def test_versions_list_queries_do_not_grow_with_versions(grid_world, olu):
    w = grid_world
    make_version(w, GOOD_LAYOUT)
    olu.get(_url("organise", w))  # sign-in and session bookkeeping happen once
    with CaptureQueriesContext(connection) as one:
        olu.get(_url("organise", w))
    make_version(w, GOOD_LAYOUT)
    make_version(w, GOOD_LAYOUT)
    with CaptureQueriesContext(connection) as three:
        page = olu.get(_url("organise", w))
    assert page.text.count("Not published") == 3
    assert len(three) == len(one)


def test_preview_shows_cost_hurts_and_the_difference_from_the_published_grid(grid_world, olu):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    # A and C swap into 10:00: Alice (hosts C, wants A) and Bea (wants both) are torn.
    layout = dict(GOOD_LAYOUT, A=("studio", "ten"), C=("hall", "ten"))
    draft = make_version(w, layout)

    page = olu.get(_url("version", w, number=draft.number))

    assert page.status_code == 200
    text = page.text
    assert "Changes from the published grid (version 1)" in text
    assert text.count("Moved</strong>") == 2
    assert "<strong>Open policy</strong>" in text
    assert "“Service design”: 2" in text
    assert "“Open policy”: 2" in text
    assert draft.cost["clashes"] == 2
    assert "<li>2 people lose a session they wanted</li>" in text


def test_refused_publish_names_the_sessions_and_leaves_the_published_grid(grid_world, olu):
    w = grid_world
    published = publish_layout(w, GOOD_LAYOUT)
    # Charlie hosts A and B: they cannot share a slot.
    bad = make_version(w, dict(GOOD_LAYOUT, B=("studio", "ten")))

    response = olu.post(_url("publish", w, number=bad.number))

    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "“Open policy”" in response.text and "“Data for all”" in response.text
    assert current_version(event=w.event) == published
    assert version_placements(version=published) == placements_for(w, GOOD_LAYOUT)
    bad.refresh_from_db()
    assert bad.is_draft


def test_publish_makes_the_version_current(grid_world, olu):
    w = grid_world
    draft = make_version(w, GOOD_LAYOUT)
    response = olu.post(_url("publish", w, number=draft.number))
    assert response.status_code == 302
    assert current_version(event=w.event) == draft
    page = olu.get(response["Location"])
    assert "Version 1 is now the published grid." in page.text
    assert "Publish this grid" not in page.text


def test_restore_publishes_an_earlier_grid_again_as_a_new_version(grid_world, olu):
    w = grid_world
    first = publish_layout(w, GOOD_LAYOUT)
    publish_layout(w, dict(GOOD_LAYOUT, E=("studio", "ten")))
    page = olu.get(_url("version", w, number=first.number))
    assert "Restore this grid" in page.text

    response = olu.post(_url("restore", w, number=first.number))

    restored = current_version(event=w.event)
    assert response["Location"] == _url("version", w, number=restored.number)
    assert restored.number == 3
    assert restored.origin == ScheduleVersion.Origin.RESTORED
    assert version_placements(version=restored) == version_placements(version=first)


def test_a_draft_cannot_be_restored(grid_world, olu):
    w = grid_world
    draft = make_version(w, GOOD_LAYOUT)
    response = olu.post(_url("restore", w, number=draft.number))
    assert response.status_code == 200
    assert "Only a grid that was published can be restored" in response.text
    assert current_version(event=w.event) is None


def test_preview_links_to_adjusting_the_grid(grid_world, olu):
    draft = make_version(grid_world, GOOD_LAYOUT)
    page = olu.get(_url("version", grid_world, number=draft.number))
    assert 'href="' + _url("adjust", grid_world, number=draft.number) + '"' in page.text


def test_restoring_the_published_grid_is_refused(grid_world, olu):
    w = grid_world
    published = publish_layout(w, GOOD_LAYOUT)
    response = olu.post(_url("restore", w, number=published.number))
    assert response.status_code == 200
    assert "Version 1 is already the published grid." in response.text
    assert ScheduleVersion.objects.count() == 1


def test_a_stale_build_is_shown_failed_and_stops_refreshing(grid_world, olu):
    build = ScheduleBuild.objects.create(
        event=grid_world.event, status=ScheduleBuild.Status.RUNNING, time_limit=1
    )
    ScheduleBuild.objects.filter(pk=build.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    page = olu.get(_url("build", grid_world, pk=build.pk))
    assert "The build stopped responding (is the worker running?)" in page.text
    assert 'hx-trigger="' not in page.text
    assert 'http-equiv="refresh"' not in page.text
    build.refresh_from_db()
    assert build.status == ScheduleBuild.Status.FAILED


def test_the_workspace_shows_a_stale_build_as_failed(grid_world, olu):
    build = ScheduleBuild.objects.create(
        event=grid_world.event, status=ScheduleBuild.Status.QUEUED, time_limit=1
    )
    ScheduleBuild.objects.filter(pk=build.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    workspace = olu.get(_url("organise", grid_world))
    latest = workspace.text.split('id="latest-build"')[1].split("</p>")[0]
    assert "govuk-tag--red" in latest and "Failed" in latest
    build.refresh_from_db()
    assert build.status == ScheduleBuild.Status.FAILED
    assert build.finished_at is not None


def test_reading_a_build_under_way_leaves_it_running(grid_world, olu):
    build = ScheduleBuild.objects.create(
        event=grid_world.event, status=ScheduleBuild.Status.RUNNING, time_limit=10
    )
    page = olu.get(_url("build", grid_world, pk=build.pk))
    assert "hx-trigger=" in page.text
    olu.get(_url("organise", grid_world))
    build.refresh_from_db()
    assert build.status == ScheduleBuild.Status.RUNNING
