"""Costs in words: organisers read what a grid does for people, never the engine's numbers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from oneteam.timetable import costs
from oneteam.timetable import problem as adapter
from oneteam.timetable.costs import Breakdown, describe, describe_change
from oneteam.timetable.services.adjust import Change, adjust_preview
from oneteam.timetable.services.versions import version_publish
from tests.timetable.conftest import GOOD_LAYOUT, make_version, placements_for, publish_layout

# A weighted total or a before → after of numbers, as the pages used to show them.
RAW_TOTAL = re.compile(r"Total cost|\d+\s*(→|to)\s*\d+|[+-]\d+\b")


def test_a_grid_that_hurts_no_one_says_so():
    assert describe(Breakdown()) == ["No one loses a session they wanted"]


def test_each_part_of_the_cost_is_a_sentence_with_its_number_and_plural():
    cost = Breakdown(
        clashes=3,
        over_capacity=(("Attic", 2), ("Hall", 1)),
        moved=1,
        room_changes=2,
        unscheduled=1,
    )

    assert describe(cost) == [
        "3 people lose a session they wanted",
        "2 people over capacity in Attic",
        "1 person over capacity in Hall",
        "1 session moved to another time",
        "2 sessions change room (same time)",
        "1 session not in the grid",
    ]
    assert describe(Breakdown(clashes=1))[0] == "1 person loses a session they wanted"


def test_stored_totals_read_without_room_names_and_with_the_weights_left_out():
    stored = {"total": 1042, "clashes": 2, "overflow": 0, "moves": 4, "unscheduled": 1}

    assert costs.summary(costs.breakdown_of_counts(stored)) == (
        "2 people lose a session they wanted; 4 published sessions change room or time; "
        "1 session not in the grid."
    )


def test_a_change_says_what_it_does_for_people():
    before = Breakdown(clashes=2, over_capacity=(("Attic", 2),))
    after = Breakdown(clashes=4, over_capacity=(("Hall", 1),), moved=1, unscheduled=1)

    assert describe_change(before, after) == [
        "2 more people lose a session they wanted",
        "1 more person over capacity in Hall",
        "2 fewer people over capacity in Attic",
        "1 session moves to another time",
        "1 session leaves the grid",
    ]
    assert describe_change(after, before)[0] == "2 fewer people lose a session they wanted"
    assert describe_change(before, before) == ["No change for anyone"]


def test_a_room_change_at_the_same_time_reads_as_no_harm(grid_world, organiser):
    w = grid_world
    published = publish_layout(w, GOOD_LAYOUT)

    # "Delivery myths" from the Attic to the free Studio, both at 10:00.
    effect = adjust_preview(
        version=published,
        change=Change(Change.MOVE, w.sessions["E"], room=w.rooms["studio"], slot=w.slots["ten"]),
    )

    assert effect.allowed
    assert effect.difference["moves"] == 1  # the engine counts it (weight 10) ...
    assert effect.for_people == ["1 session changes room (same time)"]  # ... people do not


def test_breakdown_names_the_room_people_do_not_fit_in(grid_world):
    w = grid_world
    w.rooms["attic"].capacity = 1
    w.rooms["attic"].save()
    # "Open policy" (Charlie hosts; Alice, Eve and Bea want it) in the Attic, which seats 1.
    layout = dict(GOOD_LAYOUT, A=("attic", "ten"), E=("hall", "ten"))
    built = adapter.event_problem(event=w.event)

    cost = costs.breakdown(built=built, placements=placements_for(w, layout))

    assert cost.over_capacity == (("Attic", 3),)
    assert "3 people over capacity in Attic" in describe(cost)


def test_breakdown_splits_moves_into_time_and_room_changes(grid_world):
    w = grid_world
    previous = placements_for(w, GOOD_LAYOUT)
    # E changes room only; B goes from 11:00 to 13:00; A leaves the grid.
    layout = {k: v for k, v in GOOD_LAYOUT.items() if k != "A"}
    layout |= {"E": ("studio", "ten"), "B": ("hall", "one")}
    built = adapter.event_problem(event=w.event)

    cost = costs.breakdown(built=built, placements=placements_for(w, layout), previous=previous)

    assert (cost.moved, cost.room_changes, cost.unscheduled) == (1, 1, 1)


@pytest.fixture
def olu(client, organiser):
    client.force_login(organiser)
    return client


def test_organiser_pages_show_no_raw_cost_totals(grid_world, olu):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    # A draft that leaves "Delivery myths" out: the engine's total is over a thousand.
    draft = make_version(w, {k: v for k, v in GOOD_LAYOUT.items() if k != "E"})
    assert draft.cost["total"] > 1000
    slug = w.event.slug
    change = reverse(
        "timetable:adjust_change",
        kwargs={"event_slug": slug, "number": draft.number, "pk": w.sessions["C"].pk},
    )
    pages = {
        "workspace": reverse("timetable:organise", kwargs={"event_slug": slug}),
        "preview": reverse("timetable:version", kwargs={"event_slug": slug, "number": 2}),
        "adjust": reverse("timetable:adjust", kwargs={"event_slug": slug, "number": 2}),
        "effect": f"{change}?action=move&room={w.rooms['studio'].pk}&slot={w.slots['ten'].pk}",
    }

    texts = {name: olu.get(url).content.decode() for name, url in pages.items()}

    for name, text in texts.items():
        main = text.split("<main", 1)[1].split("</main>", 1)[0]
        visible = re.sub(r"<[^>]+>", " ", main)
        assert str(draft.cost["total"]) not in visible, name
        assert not RAW_TOTAL.search(visible.replace("10:00", "").replace("13:00", "")), name
    assert "1 session not in the grid" in texts["preview"]
    assert "1 session not in the grid" in texts["adjust"]
    assert "1 more person loses a session they wanted" in texts["effect"]


def test_saved_message_says_what_the_change_did_for_people(grid_world, olu):
    w = grid_world
    version = version_publish(version=make_version(w, GOOD_LAYOUT))
    url = reverse(
        "timetable:adjust_apply",
        kwargs={"event_slug": w.event.slug, "number": version.number, "pk": w.sessions["E"].pk},
    )

    response = olu.post(
        url,
        {"action": "move", "room": w.rooms["studio"].pk, "slot": w.slots["ten"].pk},
        follow=True,
    )

    text = response.content.decode()
    assert (
        "Saved: Move “Delivery myths” to Studio at 10:00. 1 session changes room (same time)."
        in (text)
    )
    assert "Total cost" not in text


def test_preview_says_what_publishing_would_change_for_people(grid_world, olu):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    # "Open policy" to the Studio at the same time; "Service design" from 11:00 to the Hall at
    # 10:00, where Bea (who wants both) and Alice (who hosts one and wants the other) are torn.
    draft = make_version(w, dict(GOOD_LAYOUT, A=("studio", "ten"), C=("hall", "ten")))

    page = olu.get(
        reverse("timetable:version", kwargs={"event_slug": w.event.slug, "number": draft.number})
    ).content.decode()

    against = page.split('id="against-published"')[1].split("</ul>")[0]
    assert re.findall(r"<li>([^<]+)</li>", against) == [
        "1 more person loses a session they wanted",
        "1 session moves to another time",
        "1 session changes room (same time)",
    ]
