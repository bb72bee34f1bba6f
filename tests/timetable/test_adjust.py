from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from oneteam.timetable.models import Placement, ScheduleVersion
from oneteam.timetable.selectors import current_version, version_placements
from oneteam.timetable.services.adjust import Change, adjust_apply, adjust_preview
from oneteam.timetable.services.pins import pin_set
from oneteam.timetable.services.versions import version_create, version_publish

GOOD = {
    "A": ("hall", "ten"),
    "B": ("hall", "eleven"),
    "C": ("studio", "eleven"),
    "D": ("studio", "one"),
    "E": ("attic", "ten"),
}


def _draft(w, layout=GOOD) -> ScheduleVersion:
    placements = {w.sessions[s].pk: (w.rooms[r].pk, w.slots[t].pk) for s, (r, t) in layout.items()}
    return version_create(event=w.event, placements=placements, origin=ScheduleVersion.Origin.BUILT)


def _move(w, key, room, slot) -> Change:
    return Change(Change.MOVE, w.sessions[key], room=w.rooms[room], slot=w.slots[slot])


def _refusal(call) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    return " ".join(caught.value.messages)


def test_preview_of_a_move_shows_the_cost_the_saved_version_stores(grid_world, organiser):
    w = grid_world
    version = _draft(w)
    # C to 10:00 beside A: Bea wants both A and C.
    effect = adjust_preview(version=version, change=_move(w, "C", "studio", "ten"))
    assert effect.allowed
    assert effect.before == version.cost
    assert effect.difference["clashes"] == 1
    saved = adjust_apply(version=version, change=_move(w, "C", "studio", "ten"), by=organiser)
    assert saved.pk == version.pk
    assert saved.cost == effect.after
    assert version_placements(version=saved)[w.sessions["C"].pk] == (
        w.rooms["studio"].pk,
        w.slots["ten"].pk,
    )


def test_move_into_an_occupied_cell_is_refused_naming_both_and_offering_the_swap(
    grid_world, organiser
):
    w = grid_world
    version = _draft(w)
    change = _move(w, "C", "hall", "ten")
    effect = adjust_preview(version=version, change=change)
    assert effect.refusals == [
        "“Service design” cannot go to Hall at 10:00: “Open policy” is there. Swap “Service "
        "design” with “Open policy”, or choose a free room and time."
    ]
    assert effect.occupant == w.sessions["A"]
    _refusal(lambda: adjust_apply(version=version, change=change, by=organiser))
    assert version_placements(version=version)[w.sessions["C"].pk] == (
        w.rooms["studio"].pk,
        w.slots["eleven"].pk,
    )


def test_swap_exchanges_two_places_and_counts_like_the_store(grid_world, organiser):
    w = grid_world
    version = _draft(w)
    change = Change(Change.SWAP, w.sessions["C"], other=w.sessions["E"])
    effect = adjust_preview(version=version, change=change)
    assert effect.allowed, effect.refusals
    saved = adjust_apply(version=version, change=change, by=organiser)
    placements = version_placements(version=saved)
    assert placements[w.sessions["C"].pk] == (w.rooms["attic"].pk, w.slots["ten"].pk)
    assert placements[w.sessions["E"].pk] == (w.rooms["studio"].pk, w.slots["eleven"].pk)
    assert saved.cost == effect.after


def test_swap_that_puts_a_host_in_two_places_is_refused(grid_world):
    w = grid_world
    effect = adjust_preview(
        version=_draft(w), change=Change(Change.SWAP, w.sessions["C"], other=w.sessions["A"])
    )
    assert effect.refusals == [
        "“Open policy” cannot go to 11:00: Charlie Data also hosts “Data for all” then."
    ]


def test_move_next_to_a_session_of_the_same_host_is_refused(grid_world, organiser):
    w = grid_world
    version = _draft(w)
    message = _refusal(
        lambda: adjust_apply(version=version, change=_move(w, "B", "studio", "ten"), by=organiser)
    )
    assert (
        message == "“Data for all” cannot go to 10:00: Charlie Data also hosts “Open policy” then."
    )


def test_move_breaking_step_free_unavailable_or_pin_is_refused(grid_world, organiser):
    w = grid_world
    version = _draft(w)
    effect = adjust_preview(version=version, change=_move(w, "D", "attic", "one"))
    assert effect.refusals == ["“Digital leaders” cannot go to Attic: it needs a step-free room."]
    w.sessions["E"].unavailable_slots.add(w.slots["one"])
    effect = adjust_preview(version=version, change=_move(w, "E", "hall", "one"))
    assert effect.refusals == [
        "“Delivery myths” cannot go to 13:00: its hosts cannot make that time."
    ]
    pin_set(session=w.sessions["A"], room=w.rooms["hall"], slot=w.slots["ten"], by=organiser)
    effect = adjust_preview(version=version, change=_move(w, "A", "hall", "one"))
    assert effect.refusals == [
        "“Open policy” is pinned to Hall at 10:00: unpin it before moving it."
    ]
    effect = adjust_preview(version=version, change=_move(w, "A", "hall", "lunch"))
    assert "“Open policy” cannot go to Lunch: it is not a time for sessions." in effect.refusals


def test_move_into_a_cell_kept_for_a_pinned_session_is_refused(grid_world, organiser):
    w = grid_world
    version = _draft(w)
    # "Delivery myths" is pinned to Hall at 13:00 but still sits in Attic at 10:00.
    pin_set(session=w.sessions["E"], room=w.rooms["hall"], slot=w.slots["one"], by=organiser)
    effect = adjust_preview(version=version, change=_move(w, "C", "hall", "one"))
    assert effect.refusals == [
        "“Service design” cannot go to Hall at 13:00: it is kept for “Delivery myths”, "
        "pinned there."
    ]
    assert adjust_preview(version=version, change=_move(w, "E", "hall", "one")).allowed


def test_unplace_and_place_again(grid_world, organiser):
    w = grid_world
    version = _draft(w)
    effect = adjust_preview(version=version, change=Change(Change.UNPLACE, w.sessions["E"]))
    assert effect.difference["unscheduled"] == 1
    saved = adjust_apply(
        version=version, change=Change(Change.UNPLACE, w.sessions["E"]), by=organiser
    )
    assert saved.cost == effect.after
    assert saved.unscheduled == [{"session": w.sessions["E"].pk, "reason": ""}]
    saved = adjust_apply(version=saved, change=_move(w, "E", "attic", "one"), by=organiser)
    assert saved.cost["unscheduled"] == 0


def test_adjusting_a_published_version_makes_a_draft_and_leaves_it_untouched(grid_world, organiser):
    w = grid_world
    published = version_publish(version=_draft(w))
    before = version_placements(version=published)
    cost = published.cost
    change = _move(w, "E", "attic", "one")
    effect = adjust_preview(version=published, change=change)
    assert effect.difference["moves"] == 1
    draft = adjust_apply(version=published, change=change, by=organiser)
    assert draft.pk != published.pk and draft.is_draft
    assert (draft.origin, draft.based_on, draft.created_by) == (
        ScheduleVersion.Origin.ADJUSTED,
        published,
        organiser,
    )
    assert draft.cost == effect.after and draft.cost["moves"] == 1
    published.refresh_from_db()
    assert version_placements(version=published) == before
    assert published.cost == cost
    assert current_version(event=w.event) == published
    assert Placement.objects.filter(version=draft).count() == 5
