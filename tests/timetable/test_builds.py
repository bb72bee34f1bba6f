from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from oneteam import scheduling
from oneteam.programme.models import Session
from oneteam.timetable.models import ScheduleBuild, ScheduleVersion, SessionPin
from oneteam.timetable.selectors import current_version, version_placements
from oneteam.timetable.services import builds
from oneteam.timetable.services.builds import build_progress, build_run, build_start
from tests.timetable.conftest import GOOD_LAYOUT, IMMEDIATE_TASKS, publish_layout


def _start(world, django_capture_on_commit_callbacks, **kwargs) -> ScheduleBuild:
    kwargs.setdefault("mode", ScheduleBuild.Mode.BUILD)
    kwargs.setdefault("time_limit", 0.5)
    with django_capture_on_commit_callbacks(execute=True):
        build = build_start(event=world.event, requested_by=world.people["alice"], **kwargs)
    build.refresh_from_db()
    return build


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_build_runs_to_a_new_draft_version(grid_world, django_capture_on_commit_callbacks):
    build = _start(grid_world, django_capture_on_commit_callbacks)

    assert build.status == ScheduleBuild.Status.DONE
    assert build.progress == 1.0
    assert build.task_id != ""
    version = build.version
    assert version.origin == ScheduleVersion.Origin.BUILT
    assert version.is_draft and not version.is_current
    assert version.created_by == grid_world.people["alice"]
    assert build.best_total == version.cost["total"]
    # Every session fits in this small world, and the engine respects the hard rules.
    assert set(version_placements(version=version)) == {s.pk for s in grid_world.sessions.values()}
    assert version.cost["unscheduled"] == 0


def test_build_start_only_enqueues_with_the_database_backend(
    grid_world, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(*args, **kwargs):
        raise AssertionError("the engine ran in the web request")

    monkeypatch.setattr(scheduling, "solve", refuse)
    build = _start(grid_world, django_capture_on_commit_callbacks)

    assert build.status == ScheduleBuild.Status.QUEUED
    queued = DBTaskResult.objects.get(pk=build.task_id)
    assert queued.args_kwargs == {"args": [build.pk], "kwargs": {}}
    assert ScheduleVersion.objects.filter(event=grid_world.event).count() == 0


def test_build_start_refuses_while_another_build_is_under_way(grid_world):
    ScheduleBuild.objects.create(event=grid_world.event, status=ScheduleBuild.Status.RUNNING)
    with pytest.raises(ValidationError) as refused:
        build_start(event=grid_world.event, mode="build", requested_by=None)
    assert refused.value.messages == [
        "A build of this grid is already under way: wait for it to finish."
    ]


def test_a_stale_build_no_longer_blocks_and_is_marked_failed(
    grid_world, django_capture_on_commit_callbacks
):
    stuck = ScheduleBuild.objects.create(
        event=grid_world.event, status=ScheduleBuild.Status.RUNNING, time_limit=10
    )
    # 5 x 10 s + 60 s = 110 s; two minutes ago is past it.
    ScheduleBuild.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - timedelta(seconds=120)
    )
    stuck.refresh_from_db()
    assert builds.build_is_stale(stuck)

    with override_settings(TASKS=IMMEDIATE_TASKS):
        fresh = _start(grid_world, django_capture_on_commit_callbacks)

    stuck.refresh_from_db()
    assert stuck.status == ScheduleBuild.Status.FAILED
    assert "stopped responding" in stuck.error
    assert fresh.status == ScheduleBuild.Status.DONE


def _stuck(world, *, seconds_ago: int, status=ScheduleBuild.Status.RUNNING) -> ScheduleBuild:
    build = ScheduleBuild.objects.create(event=world.event, status=status, time_limit=10)
    ScheduleBuild.objects.filter(pk=build.pk).update(
        created_at=timezone.now() - timedelta(seconds=seconds_ago)
    )
    build.refresh_from_db()
    return build


def test_expiring_marks_a_stale_build_failed(grid_world):
    stuck = _stuck(grid_world, seconds_ago=120)  # past its 110 s deadline
    shown = builds.builds_expire_stale(event=grid_world.event, build=stuck)
    assert shown.status == ScheduleBuild.Status.FAILED
    assert shown.error == "The build stopped responding (is the worker running?). Start again."
    stuck.refresh_from_db()
    assert stuck.status == ScheduleBuild.Status.FAILED and stuck.finished_at is not None


def test_expiring_costs_no_query_while_the_build_is_in_time(grid_world, django_assert_num_queries):
    running = _stuck(grid_world, seconds_ago=30)
    with django_assert_num_queries(0):
        assert builds.builds_expire_stale(event=grid_world.event, build=running) is running
        assert builds.builds_expire_stale(event=grid_world.event, build=None) is None
    running.refresh_from_db()
    assert running.status == ScheduleBuild.Status.RUNNING


def test_expiring_keeps_the_outcome_of_a_build_that_just_finished(grid_world):
    late = _stuck(grid_world, seconds_ago=120)
    # The worker finishes between the page reading the build and expiring it.
    ScheduleBuild.objects.filter(pk=late.pk).update(status=ScheduleBuild.Status.DONE)
    shown = builds.builds_expire_stale(event=grid_world.event, build=late)
    assert shown.status == ScheduleBuild.Status.DONE
    assert shown.error == ""


def test_a_recent_running_build_is_not_stale(grid_world):
    running = ScheduleBuild.objects.create(
        event=grid_world.event, status=ScheduleBuild.Status.RUNNING, time_limit=10
    )
    assert not builds.build_is_stale(running)
    assert builds.build_is_stale(running, now=timezone.now() + timedelta(seconds=111))


def test_repair_refused_without_a_published_grid(grid_world):
    with pytest.raises(ValidationError) as refused:
        build_start(event=grid_world.event, mode="repair", requested_by=None)
    assert "no published grid to repair" in refused.value.messages[0]
    assert not ScheduleBuild.objects.exists()


def test_build_refused_when_there_is_nothing_to_place(small_event):
    with pytest.raises(ValidationError) as refused:
        build_start(event=small_event, mode="build", requested_by=None)
    assert refused.value.messages == [
        "The event has no rooms: add rooms before building the grid.",
        "The event has no session slots: add slots before building the grid.",
        "No sessions have been pitched yet, so there is nothing to place.",
    ]


def test_build_refused_for_an_invalid_problem_naming_the_sessions(grid_world):
    w = grid_world
    for key in "AB":
        SessionPin.objects.create(
            session=w.sessions[key], room=w.rooms["hall"], slot=w.slots["ten"]
        )
    with pytest.raises(ValidationError) as refused:
        build_start(event=w.event, mode="build", requested_by=None)
    assert refused.value.messages == [
        "“Data for all” cannot be pinned to Hall at 10:00: “Open policy” is pinned there.",
        "“Data for all” cannot be pinned to 10:00: “Open policy” is pinned then and shares a "
        "host (Charlie Data).",
    ]
    assert not ScheduleBuild.objects.exists()


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_repair_keeps_published_sessions_and_places_a_late_pitch(
    grid_world, django_capture_on_commit_callbacks
):
    w = grid_world
    published = publish_layout(w, GOOD_LAYOUT)
    late = Session.objects.create(event=w.event, title="Late thoughts")
    late.hosts.add(w.people["eve"])

    build = _start(w, django_capture_on_commit_callbacks, mode=ScheduleBuild.Mode.REPAIR)

    assert build.status == ScheduleBuild.Status.DONE, build.error
    repaired = build.version
    assert repaired.origin == ScheduleVersion.Origin.REPAIRED
    assert repaired.based_on == published
    placements = version_placements(version=repaired)
    before = version_placements(version=published)
    assert {s: placements[s] for s in before} == before
    assert late.pk in placements
    assert repaired.cost["moves"] == 0
    # Nothing published changes until the organiser publishes the repair.
    assert current_version(event=w.event) == published


def test_a_failing_engine_is_recorded_on_the_build(grid_world, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("solver fell over")

    monkeypatch.setattr(scheduling, "solve", explode)
    build = build_start(event=grid_world.event, mode="build", requested_by=None)

    build_run(build_id=build.pk)

    build.refresh_from_db()
    assert build.status == ScheduleBuild.Status.FAILED
    assert build.error == "solver fell over"
    assert build.finished_at is not None
    assert build.version is None
    assert not ScheduleVersion.objects.exists()


def test_a_build_runs_once(grid_world, monkeypatch):
    calls = []
    monkeypatch.setattr(scheduling, "solve", lambda *a, **k: calls.append(1))
    build = ScheduleBuild.objects.create(event=grid_world.event, status=ScheduleBuild.Status.FAILED)
    build_run(build_id=build.pk)
    assert calls == []
    assert build_run(build_id=999999) is None


def test_progress_is_throttled_and_written_to_the_build(grid_world):
    build = ScheduleBuild.objects.create(event=grid_world.event, status="running")
    clock = iter([100.0, 100.1, 100.7])
    progress = builds._Progress(build, clock=lambda: next(clock))

    progress(0.1, 40, "greedy start")
    progress(0.2, 30, "too soon")
    build.refresh_from_db()
    assert (build.progress, build.best_total, build.note) == (0.1, 40, "greedy start")
    progress(0.5, 20, "later")
    build.refresh_from_db()
    assert (build.progress, build.best_total, build.note) == (0.5, 20, "later")


def test_progress_shown_follows_the_clock_while_the_engine_is_quiet(grid_world):
    now = timezone.now()
    build = ScheduleBuild(
        event=grid_world.event,
        status=ScheduleBuild.Status.RUNNING,
        time_limit=10,
        started_at=now - timedelta(seconds=4),
        progress=0.1,
    )
    assert build_progress(build, now=now) == 40
    assert build_progress(build, now=now + timedelta(seconds=60)) == 99
    build.status = ScheduleBuild.Status.DONE
    assert build_progress(build, now=now) == 100


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_build_progress_goes_live_to_the_organisers_only(
    grid_world, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        builds,
        "publish_on_commit",
        lambda channel, kind, data, audience: sent.append((channel, kind, data, audience)),
    )
    build = _start(grid_world, django_capture_on_commit_callbacks)

    audience = f"organisers:{grid_world.event.chapter_id}"
    assert {(c, k, a) for c, k, _d, a in sent} == {
        (f"event-{grid_world.event.slug}", "schedule-build", audience)
    }
    assert sent[-1][2] == {"build": build.pk, "status": "done", "version": build.version.number}
