from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from oneteam import scheduling
from oneteam.programme.models import Session
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import ScheduleVersion, SessionPin
from oneteam.timetable.selectors import current_version, grid_for, version_diff
from oneteam.timetable.services.versions import (
    publish_refusals,
    version_from_result,
    version_publish,
    version_replace_placements,
    version_restore,
)
from tests.timetable.conftest import (
    GOOD_LAYOUT,
    make_version,
    placements_for,
    publish_layout,
    refusal_message,
)


def test_problem_document_describes_the_event_for_the_engine(grid_world):
    w = grid_world
    document = adapter.problem_document(event=w.event)
    assert [r["name"] for r in document["rooms"]] == ["Attic", "Hall", "Studio"]
    # Breaks are not schedulable.
    assert [s["label"] for s in document["slots"]] == ["10:00", "11:00", "13:00"]
    d = next(s for s in document["sessions"] if s["title"] == "Digital leaders")
    assert d["needs_step_free"] is True
    assert d["hosts"] == [f"u{w.people['bea'].pk}"]
    assert sorted(document["interests"][f"u{w.people['eve'].pk}"]) == sorted(
        f"s{w.sessions[k].pk}" for k in "ABD"
    )
    scheduling.parse_problem(document)  # valid


def test_version_cost_is_the_engines_recount(grid_world):
    w = grid_world
    # A, B and E share 10:00: Alice and Eve lose one interest each, Dan (host of E) loses B,
    # and Charlie hosts both A and B (invalid for publishing, but a draft may hold it while the
    # organiser works).
    layout = dict(GOOD_LAYOUT, B=("studio", "ten"))
    version = make_version(w, layout)
    assert version.number == 1
    assert version.cost["clashes"] == 4
    assert version.unscheduled == []
    refusals = publish_refusals(version=version)
    assert len(refusals) == 1
    assert "“Open policy”" in refusals[0] and "“Data for all”" in refusals[0]
    with pytest.raises(ValidationError):
        version_publish(version=version)
    assert current_version(event=w.event) is None


def test_solved_version_publishes_and_the_next_counts_moves(grid_world):
    w = grid_world
    built = adapter.event_problem(event=w.event)
    result = scheduling.solve(built.problem, time_limit=1, seed=0)
    first = version_from_result(event=w.event, result=result, origin=ScheduleVersion.Origin.BUILT)
    assert first.cost == result.cost.to_json()
    version_publish(version=first)
    first.refresh_from_db()
    assert first.is_current and first.published_at is not None

    second = make_version(w, GOOD_LAYOUT)
    moved = [m for m in version_diff(old=first, new=second)]
    assert second.cost["moves"] == len(moved)
    version_publish(version=second)
    assert current_version(event=w.event) == second
    with pytest.raises(ValidationError):
        version_replace_placements(version=second, placements={})


def test_restore_publishes_a_copy_of_an_earlier_version(grid_world):
    w = grid_world
    # The caller's copy says "current": the database, which has moved on, decides.
    first = version_publish(version=make_version(w, GOOD_LAYOUT))
    assert first.is_current
    publish_layout(w, dict(GOOD_LAYOUT, E=("attic", "one")))
    restored = version_restore(version=first)
    assert restored.number == 3 and restored.is_current
    assert restored.origin == ScheduleVersion.Origin.RESTORED
    assert version_diff(old=first, new=restored) == []


def test_unplaced_pinned_session_cannot_be_published(grid_world):
    w = grid_world
    SessionPin.objects.create(session=w.sessions["E"], slot=w.slots["ten"])
    layout = {k: v for k, v in GOOD_LAYOUT.items() if k != "E"}
    version = make_version(w, layout)
    assert version.unscheduled == [{"session": w.sessions["E"].pk, "reason": ""}]
    with pytest.raises(ValidationError) as refused:
        version_publish(version=version)
    assert "“Delivery myths” is pinned" in str(refused.value)


def test_grid_has_rooms_as_columns_and_every_slot_as_a_row(grid_world, django_assert_num_queries):
    w = grid_world
    version = make_version(w, GOOD_LAYOUT)
    with django_assert_num_queries(4):
        grid = grid_for(version=version)
    assert [r.name for r in grid.rooms] == ["Attic", "Hall", "Studio"]
    assert [row.slot.label for row in grid.rows] == ["10:00", "11:00", "Lunch", "13:00"]
    ten = grid.rows[0]
    assert [c.session.title if c else None for c in ten.cells] == [
        "Delivery myths",
        "Open policy",
        None,
    ]
    assert not grid.rows[2].is_sessions


def test_refusal_names_an_unlabelled_slot_by_its_local_time(grid_world):
    w = grid_world
    w.event.time_zone = "Pacific/Auckland"
    w.event.save(update_fields=["time_zone"])
    ten = w.slots["ten"]
    ten.label = ""
    ten.save(update_fields=["label"])
    local = timezone.localtime(ten.starts_at, ZoneInfo("Pacific/Auckland")).strftime("%H:%M")
    utc = timezone.localtime(ten.starts_at, UTC).strftime("%H:%M")
    assert local != utc
    # Charlie hosts A and B: both at ten is a host in two places at once.
    version = make_version(w, dict(GOOD_LAYOUT, B=("studio", "ten")))
    [refusal] = publish_refusals(version=version)
    assert (
        refusal
        == f"“Open policy” cannot go to {local}: Charlie Data also hosts “Data for all” then."
    )
    assert utc not in refusal


def test_a_draft_cannot_be_restored(grid_world):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    draft = make_version(w, dict(GOOD_LAYOUT, E=("attic", "one")))
    message = refusal_message(lambda: version_restore(version=draft))
    assert message == "Only a grid that was published can be restored: publish this draft."
    assert current_version(event=w.event).number == 1


def test_assignments_for_keeps_only_the_sessions_the_problem_schedules(grid_world):
    w = grid_world
    placements = placements_for(w, GOOD_LAYOUT)
    w.sessions["E"].status = Session.Status.WITHDRAWN
    w.sessions["E"].save(update_fields=["status"])
    built = adapter.event_problem(event=w.event)
    assignments = adapter.assignments_for(built, placements)
    assert sorted(assignments) == sorted(f"s{w.sessions[k].pk}" for k in "ABCD")
    assert assignments[f"s{w.sessions['D'].pk}"] == scheduling.Placement(
        f"r{w.rooms['studio'].pk}", f"t{w.slots['one'].pk}"
    )


def test_names_of_reads_rooms_slots_and_titles_from_the_document(grid_world):
    w = grid_world
    names = adapter.names_of(adapter.problem_document(event=w.event))
    assert names[f"r{w.rooms['attic'].pk}"] == "Attic"
    assert names[f"t{w.slots['eleven'].pk}"] == "11:00"
    assert names[f"s{w.sessions['C'].pk}"] == "“Service design”"
