from __future__ import annotations

from oneteam.timetable.models import Placement, ScheduleVersion
from oneteam.timetable.selectors import current_version, version_placements
from oneteam.timetable.services.adjust import Change, adjust_apply, adjust_preview
from oneteam.timetable.services.pins import pin_set
from oneteam.timetable.services.versions import version_publish
from tests.timetable.conftest import refusal_message


def _move(w, key, room, slot) -> Change:
    return Change(Change.MOVE, w.sessions[key], room=w.rooms[room], slot=w.slots[slot])


def test_preview_of_a_move_shows_the_cost_the_saved_version_stores(grid_world, draft, organiser):
    w = grid_world
    # C to 10:00 beside A: Bea wants both A and C.
    effect = adjust_preview(version=draft, change=_move(w, "C", "studio", "ten"))
    assert effect.allowed
    assert effect.before == draft.cost
    assert effect.difference["clashes"] == 1
    saved = adjust_apply(version=draft, change=_move(w, "C", "studio", "ten"), by=organiser)
    assert saved.pk == draft.pk
    assert saved.cost == effect.after
    assert version_placements(version=saved)[w.sessions["C"].pk] == (
        w.rooms["studio"].pk,
        w.slots["ten"].pk,
    )


def test_move_into_an_occupied_cell_is_refused_naming_both_and_offering_the_swap(
    grid_world, draft, organiser
):
    w = grid_world
    change = _move(w, "C", "hall", "ten")
    effect = adjust_preview(version=draft, change=change)
    assert effect.refusals == [
        "“Service design” cannot go to Hall at 10:00: “Open policy” is there. Swap “Service "
        "design” with “Open policy”, or choose a free room and time."
    ]
    assert effect.occupant == w.sessions["A"]
    refusal_message(lambda: adjust_apply(version=draft, change=change, by=organiser))
    assert version_placements(version=draft)[w.sessions["C"].pk] == (
        w.rooms["studio"].pk,
        w.slots["eleven"].pk,
    )


def test_swap_exchanges_two_places_and_counts_like_the_store(grid_world, draft, organiser):
    w = grid_world
    change = Change(Change.SWAP, w.sessions["C"], other=w.sessions["E"])
    effect = adjust_preview(version=draft, change=change)
    assert effect.allowed, effect.refusals
    saved = adjust_apply(version=draft, change=change, by=organiser)
    placements = version_placements(version=saved)
    assert placements[w.sessions["C"].pk] == (w.rooms["attic"].pk, w.slots["ten"].pk)
    assert placements[w.sessions["E"].pk] == (w.rooms["studio"].pk, w.slots["eleven"].pk)
    assert saved.cost == effect.after


def test_swap_that_puts_a_host_in_two_places_is_refused(grid_world, draft):
    w = grid_world
    effect = adjust_preview(
        version=draft, change=Change(Change.SWAP, w.sessions["C"], other=w.sessions["A"])
    )
    assert effect.refusals == [
        "“Open policy” cannot go to 11:00: Charlie Data also hosts “Data for all” then."
    ]


def test_move_next_to_a_session_of_the_same_host_is_refused(grid_world, draft, organiser):
    w = grid_world
    message = refusal_message(
        lambda: adjust_apply(version=draft, change=_move(w, "B", "studio", "ten"), by=organiser)
    )
    assert (
        message == "“Data for all” cannot go to 10:00: Charlie Data also hosts “Open policy” then."
    )


def test_move_breaking_step_free_unavailable_or_pin_is_refused(grid_world, draft, organiser):
    w = grid_world
    effect = adjust_preview(version=draft, change=_move(w, "D", "attic", "one"))
    assert effect.refusals == ["“Digital leaders” cannot go to Attic: it needs a step-free room."]
    w.sessions["E"].unavailable_slots.add(w.slots["one"])
    effect = adjust_preview(version=draft, change=_move(w, "E", "hall", "one"))
    assert effect.refusals == [
        "“Delivery myths” cannot go to 13:00: its hosts cannot make that time."
    ]
    pin_set(session=w.sessions["A"], room=w.rooms["hall"], slot=w.slots["ten"], by=organiser)
    effect = adjust_preview(version=draft, change=_move(w, "A", "hall", "one"))
    assert effect.refusals == [
        "“Open policy” is pinned to Hall at 10:00: unpin it before moving it."
    ]
    effect = adjust_preview(version=draft, change=_move(w, "A", "hall", "lunch"))
    assert "“Open policy” cannot go to Lunch: it is not a time for sessions." in effect.refusals


def test_move_into_a_cell_kept_for_a_pinned_session_is_refused(grid_world, draft, organiser):
    w = grid_world
    # "Delivery myths" is pinned to Hall at 13:00 but still sits in Attic at 10:00.
    pin_set(session=w.sessions["E"], room=w.rooms["hall"], slot=w.slots["one"], by=organiser)
    effect = adjust_preview(version=draft, change=_move(w, "C", "hall", "one"))
    assert effect.refusals == [
        "“Service design” cannot go to Hall at 13:00: it is kept for “Delivery myths”, "
        "pinned there."
    ]
    assert adjust_preview(version=draft, change=_move(w, "E", "hall", "one")).allowed


def test_unplace_and_place_again(grid_world, draft, organiser):
    w = grid_world
    effect = adjust_preview(version=draft, change=Change(Change.UNPLACE, w.sessions["E"]))
    assert effect.difference["unscheduled"] == 1
    saved = adjust_apply(
        version=draft, change=Change(Change.UNPLACE, w.sessions["E"]), by=organiser
    )
    assert saved.cost == effect.after
    assert saved.unscheduled == [{"session": w.sessions["E"].pk, "reason": ""}]
    saved = adjust_apply(version=saved, change=_move(w, "E", "attic", "one"), by=organiser)
    assert saved.cost["unscheduled"] == 0


def test_adjusting_a_published_version_makes_a_draft_and_leaves_it_untouched(
    grid_world, draft, organiser
):
    w = grid_world
    published = version_publish(version=draft)
    before = version_placements(version=published)
    cost = published.cost
    change = _move(w, "E", "attic", "one")
    effect = adjust_preview(version=published, change=change)
    assert effect.difference["moves"] == 1
    adjusted = adjust_apply(version=published, change=change, by=organiser)
    assert adjusted.pk != published.pk and adjusted.is_draft
    assert (adjusted.origin, adjusted.based_on, adjusted.created_by) == (
        ScheduleVersion.Origin.ADJUSTED,
        published,
        organiser,
    )
    assert adjusted.cost == effect.after and adjusted.cost["moves"] == 1
    published.refresh_from_db()
    assert version_placements(version=published) == before
    assert published.cost == cost
    assert current_version(event=w.event) == published
    assert Placement.objects.filter(version=adjusted).count() == 5
