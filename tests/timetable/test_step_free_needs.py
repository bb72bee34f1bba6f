"""Attendees' step-free needs count: a session needs a step-free room when a host or any
interested attendee said so, and the organiser is told, in words and before building, where
the rooms cannot give every such session one.

In `grid_world` (tests/timetable/conftest.py) Charlie hosts A and B, Bea hosts D (its pitch
says a host needs step-free access), and Eve wants A, B and D.
"""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from oneteam.events.models import Registration
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import ScheduleBuild, SessionPin
from oneteam.timetable.preview import step_free_warnings, version_preview
from oneteam.timetable.selectors import version_placements
from oneteam.timetable.services.builds import build_start
from oneteam.timetable.services.pins import pin_refusals
from oneteam.timetable.services.versions import publish_refusals
from tests.timetable.conftest import (
    GOOD_LAYOUT,
    IMMEDIATE_TASKS,
    GridWorld,
    make_version,
    placements_for,
)

pytestmark = pytest.mark.django_db


def _needs(w: GridWorld, *people: str) -> None:
    Registration.objects.filter(event=w.event, user__in=[w.people[p] for p in people]).update(
        needs_step_free=True
    )


def _needing(w: GridWorld) -> set[str]:
    document = adapter.problem_document(event=w.event)
    by_id = {adapter.key(adapter.SESSION, s.pk): k for k, s in w.sessions.items()}
    return {by_id[s["id"]] for s in document["sessions"] if s["needs_step_free"]}


def test_only_the_hosts_pitch_counts_while_no_attendee_needs_step_free(grid_world) -> None:
    assert _needing(grid_world) == {"D"}


def test_an_interested_attendee_needing_step_free_makes_the_session_need_it(grid_world) -> None:
    w = grid_world
    _needs(w, "eve")  # wants A, B and D

    assert _needing(w) == {"A", "B", "D"}


def test_a_host_who_registered_needing_step_free_makes_their_sessions_need_it(grid_world) -> None:
    w = grid_world
    _needs(w, "dan")  # hosts E; wants B

    assert _needing(w) == {"B", "D", "E"}


@pytest.mark.parametrize("status", [Registration.Status.WAITLISTED, Registration.Status.CANCELLED])
def test_an_attendee_without_a_place_does_not_move_sessions(grid_world, status) -> None:
    w = grid_world
    _needs(w, "eve")
    Registration.objects.filter(event=w.event, user=w.people["eve"]).update(status=status)

    assert _needing(w) == {"D"}


def test_the_grid_may_not_put_an_attendees_session_in_the_attic(grid_world) -> None:
    w = grid_world
    _needs(w, "eve")
    # E (Dan's, which Eve does not want) may stay in the Attic; A may not go there.
    version = make_version(w, dict(GOOD_LAYOUT, A=("attic", "ten"), E=("hall", "ten")))

    assert publish_refusals(version=version) == [
        "“Open policy” cannot go to Attic: it needs a step-free room."
    ]
    assert version_preview(version=version).step_free == [
        "“Open policy” cannot go to Attic: it needs a step-free room."
    ]


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_a_build_puts_every_session_an_attendee_needs_in_a_step_free_room(
    grid_world, django_capture_on_commit_callbacks
) -> None:
    w = grid_world
    w.rooms["studio"].step_free = False
    w.rooms["studio"].save()
    # Bea wants A and C and hosts D: the Hall, the one step-free room, takes one of them in each
    # of the three times; B (more wanted than C) and E go elsewhere.
    _needs(w, "bea")

    with django_capture_on_commit_callbacks(execute=True):
        build = build_start(event=w.event, mode="build", requested_by=None, time_limit=0.5)
    build.refresh_from_db()

    assert build.status == ScheduleBuild.Status.DONE
    rooms = {r.pk: key for key, r in w.rooms.items()}
    placed = {
        key: rooms[version_placements(version=build.version)[s.pk][0]]
        for key, s in w.sessions.items()
    }
    assert {k: placed[k] for k in "ACD"} == {"A": "hall", "C": "hall", "D": "hall"}


def _hold_to_eleven(w: GridWorld, *keys: str) -> None:
    for k in keys:
        w.sessions[k].unavailable_slots.add(w.slots["ten"], w.slots["one"])


def test_shortage_in_one_slot_names_the_sessions_and_the_people(grid_world) -> None:
    w = grid_world
    w.rooms["studio"].step_free = False
    w.rooms["studio"].save()
    _needs(w, "charlie", "eve")  # A: Charlie hosts, Eve wants; D: Bea's pitch, Eve wants
    _hold_to_eleven(w, "A", "D")

    assert step_free_warnings(event=w.event) == [
        "“Open policy” needs a step-free room for 2 people (a host and 1 attendee), but there "
        "is only 1 step-free room for 2 such sessions at 11:00.",
        "“Digital leaders” needs a step-free room for 2 people (a host and 1 attendee), but "
        "there is only 1 step-free room for 2 such sessions at 11:00.",
    ]


def test_shortage_over_the_day_counts_the_step_free_places(grid_world) -> None:
    w = grid_world
    w.rooms["studio"].step_free = False
    w.rooms["studio"].save()
    _needs(w, "eve", "bea")  # A (Eve, Bea), B (Eve), C (Bea), D (Bea's pitch and own, Eve)

    lines = step_free_warnings(event=w.event)

    assert lines == [
        f"“{title}” needs a step-free room for {people}, but the step-free rooms have only 3 "
        "places in the day for 4 such sessions."
        for title, people in [
            ("Open policy", "2 people (2 attendees)"),
            ("Data for all", "1 person (1 attendee)"),
            ("Service design", "1 person (1 attendee)"),
            ("Digital leaders", "2 people (a host and 1 attendee)"),
        ]
    ]


def test_no_step_free_room_at_all_is_said_plainly(grid_world) -> None:
    w = grid_world
    for key in ("hall", "studio"):
        w.rooms[key].step_free = False
        w.rooms[key].save()

    assert step_free_warnings(event=w.event) == [
        "“Digital leaders” needs a step-free room for 1 person (a host), but there is no "
        "step-free room: mark a room as step-free or add one."
    ]


def test_no_warning_when_the_step_free_rooms_suffice(grid_world) -> None:
    _needs(grid_world, "eve", "bea")
    assert step_free_warnings(event=grid_world.event) == []


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_a_shortage_does_not_fail_the_build_it_leaves_one_out(
    grid_world, django_capture_on_commit_callbacks
) -> None:
    w = grid_world
    w.rooms["studio"].step_free = False
    w.rooms["studio"].save()
    _needs(w, "charlie", "eve")
    _hold_to_eleven(w, "A", "D")

    with django_capture_on_commit_callbacks(execute=True):
        build = build_start(event=w.event, mode="build", requested_by=None, time_limit=0.5)
    build.refresh_from_db()

    assert build.status == ScheduleBuild.Status.DONE
    assert build.version.cost["unscheduled"] == 1


def test_workspace_and_preview_show_the_shortage(grid_world, client, organiser) -> None:
    w = grid_world
    w.rooms["studio"].step_free = False
    w.rooms["studio"].save()
    _needs(w, "charlie", "eve")
    _hold_to_eleven(w, "A", "D")
    version = make_version(w, {k: v for k, v in GOOD_LAYOUT.items() if k != "A"})
    client.force_login(organiser)
    line = (
        "<li>“Open policy” needs a step-free room for 2 people (a host and 1 attendee), but "
        "there is only 1 step-free room for 2 such sessions at 11:00.</li>"
    )

    workspace = client.get(reverse("timetable:organise", kwargs={"event_slug": w.event.slug}))
    preview = client.get(
        reverse("timetable:version", kwargs={"event_slug": w.event.slug, "number": version.number})
    )

    assert "Some people who need step-free access would not get it:" in workspace.text
    assert line in workspace.text
    assert line in preview.text


def test_a_stored_pin_to_the_attic_is_kept_and_the_organiser_told(grid_world) -> None:
    # Pinned before Eve said she needs step-free access: the event still builds (the pin is
    # the organiser's word), and the workspace says who needs what.
    w = grid_world
    SessionPin.objects.create(session=w.sessions["A"], room=w.rooms["attic"], slot=w.slots["ten"])
    _needs(w, "eve")

    built = adapter.event_problem(event=w.event)

    assert _needing(w) == {"B", "D"}
    assert (
        adapter.broken_rules(
            built, placements_for(w, dict(GOOD_LAYOUT, A=("attic", "ten"), E=("hall", "ten")))
        )
        == []
    )
    assert step_free_warnings(event=w.event) == [
        "“Open policy” is pinned to Attic at 10:00, but 1 person (1 attendee) who wants it "
        "needs a step-free room: pin it to a step-free room or unpin it."
    ]


def test_a_new_pin_to_the_attic_is_refused_when_an_attendee_needs_step_free(grid_world) -> None:
    w = grid_world
    _needs(w, "eve")

    assert pin_refusals(session=w.sessions["A"], room=w.rooms["attic"], slot=None) == [
        "“Open policy” cannot go to Attic: it needs a step-free room."
    ]


def test_pins_to_one_time_with_too_few_step_free_rooms_keep_the_pins(grid_world) -> None:
    w = grid_world
    w.rooms["studio"].step_free = False
    w.rooms["studio"].save()
    for key in "AD":  # D's host needs the Hall at 11:00; Eve wants A, pinned there too
        SessionPin.objects.create(session=w.sessions[key], slot=w.slots["eleven"])
    _needs(w, "eve")

    adapter.event_problem(event=w.event)  # no refusal: the pins stand

    assert _needing(w) == {"B", "D"}
    assert step_free_warnings(event=w.event) == [
        "“Open policy” is pinned to 11:00, but 1 person (1 attendee) who wants it needs a "
        "step-free room: pin it to a step-free room or unpin it."
    ]
