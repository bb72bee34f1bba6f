from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.events.models import Slot
from oneteam.timetable.models import ScheduleBuild, ScheduleVersion, SessionPin
from oneteam.timetable.selectors import current_version, version_placements
from oneteam.timetable.services.versions import version_publish
from tests.timetable.conftest import GOOD_LAYOUT, make_version

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def _adjust(version) -> str:
    return reverse("timetable:adjust", args=[version.event.slug, version.number])


def _change(version, session) -> str:
    return reverse("timetable:adjust_change", args=[version.event.slug, version.number, session.pk])


def _apply(version, session) -> str:
    return reverse("timetable:adjust_apply", args=[version.event.slug, version.number, session.pk])


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_adjust_page_shows_each_session_as_a_card_with_a_form_path(
    organiser_client, grid_world, draft
):
    w = grid_world
    response = organiser_client.get(_adjust(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="ot-adjust__card') == 5
    assert html.count('draggable="true"') == 5
    assert _change(draft, w.sessions["A"]) in html
    attic, eleven = w.rooms["attic"].pk, w.slots["eleven"].pk
    assert f'data-room="{attic}" data-slot="{eleven}"' in html
    assert "Re-optimise around pins" in html
    assert "timetable/adjust.js" in html


def test_adjust_page_with_htmx_answers_the_board_only(organiser_client, draft):
    response = organiser_client.get(_adjust(draft), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="adjust-board"' in html
    assert "HX-Request" in response["Vary"]


def test_change_page_previews_a_move_into_a_taken_cell_naming_both_and_offering_a_swap(
    organiser_client, grid_world, draft
):
    w = grid_world
    data = {"action": "move", "room": w.rooms["hall"].pk, "slot": w.slots["ten"].pk}
    response = organiser_client.get(_change(draft, w.sessions["C"]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "“Service design” cannot go to Hall at 10:00: “Open policy” is there." in html
    assert f'name="other" value="{w.sessions["A"].pk}"' in html
    assert "Save this change" not in html
    fragment = organiser_client.get(_change(draft, w.sessions["C"]), data, **HTMX)
    assert "<html" not in fragment.content.decode()
    assert "“Open policy” is there." in fragment.content.decode()


def test_change_page_without_a_room_asks_for_one(organiser_client, grid_world, draft):
    w = grid_world
    response = organiser_client.get(
        _change(draft, w.sessions["C"]), {"action": "move", "slot": w.slots["ten"].pk}
    )
    assert response.context["form"].errors == {"room": ["Choose a room for “Service design”"]}
    assert response.context["effect"] is None


def test_preview_then_save_without_javascript_stores_the_previewed_cost(
    organiser_client, grid_world, draft
):
    w = grid_world
    data = {"action": "move", "room": w.rooms["studio"].pk, "slot": w.slots["ten"].pk}
    preview = organiser_client.get(_change(draft, w.sessions["C"]), data)
    effect = preview.context["effect"]
    assert effect.allowed
    assert "Save this change" in preview.content.decode()
    response = organiser_client.post(_apply(draft, w.sessions["C"]), data)
    assert response.status_code == 302
    assert response["Location"] == _adjust(draft)
    draft.refresh_from_db()
    assert draft.cost == effect.after
    assert version_placements(version=draft)[w.sessions["C"].pk] == (
        w.rooms["studio"].pk,
        w.slots["ten"].pk,
    )
    assert _messages(response)[0].startswith("Saved: Move “Service design” to Studio at 10:00.")


def test_save_with_htmx_answers_the_new_board(organiser_client, grid_world, draft):
    w = grid_world
    data = {"action": "swap", "other": w.sessions["E"].pk}
    response = organiser_client.post(_apply(draft, w.sessions["C"]), data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Adjust-Url"] == _adjust(draft)
    assert "<html" not in html
    assert "Saved: Swap “Service design” with “Delivery myths”" in html
    assert version_placements(version=draft)[w.sessions["C"].pk] == (
        w.rooms["attic"].pk,
        w.slots["ten"].pk,
    )


def test_refused_save_shows_why_and_changes_nothing(organiser_client, grid_world, draft):
    w = grid_world
    before = version_placements(version=draft)
    data = {"action": "move", "room": w.rooms["attic"].pk, "slot": w.slots["one"].pk}
    response = organiser_client.post(_apply(draft, w.sessions["D"]), data)
    assert response.status_code == 200
    assert "“Digital leaders” cannot go to Attic: it needs a step-free room." in (
        response.content.decode()
    )
    fragment = organiser_client.post(_apply(draft, w.sessions["D"]), data, **HTMX)
    assert fragment["X-Adjust-Refused"] == "true"
    assert "it needs a step-free room" in fragment.content.decode()
    assert version_placements(version=draft) == before


def test_saving_on_a_published_version_goes_to_a_new_draft(organiser_client, grid_world, draft):
    w = grid_world
    published = version_publish(version=draft)
    before = version_placements(version=published)
    data = {"action": "move", "room": w.rooms["attic"].pk, "slot": w.slots["one"].pk}
    response = organiser_client.post(_apply(published, w.sessions["E"]), data)
    new = ScheduleVersion.objects.get(event=w.event, number=published.number + 1)
    assert response["Location"] == _adjust(new)
    assert new.is_draft and new.based_on == published
    assert version_placements(version=published) == before
    assert current_version(event=w.event) == published
    htmx = organiser_client.post(_apply(published, w.sessions["E"]), {"action": "unplace"}, **HTMX)
    newer = ScheduleVersion.objects.get(event=w.event, number=published.number + 2)
    assert (htmx.status_code, htmx["X-Adjust-Url"]) == (204, _adjust(newer))


def test_pin_here_and_unpin_from_the_grid(organiser_client, grid_world, draft):
    w = grid_world
    url = reverse("timetable:pin", args=[w.event.slug, w.sessions["A"].pk])
    data = {
        "pin": "set",
        "pin-room": w.rooms["hall"].pk,
        "pin-slot": w.slots["ten"].pk,
        "next": _adjust(draft),
    }
    response = organiser_client.post(url, data)
    assert response["Location"] == _adjust(draft)
    pin = SessionPin.objects.get(session=w.sessions["A"])
    assert (pin.room, pin.slot) == (w.rooms["hall"], w.slots["ten"])
    page = organiser_client.get(_adjust(draft)).content.decode()
    assert "Pinned: Hall at 10:00" in page
    organiser_client.post(url, {"pin": "clear", "next": _adjust(draft)})
    assert not SessionPin.objects.exists()


def test_pin_that_breaks_a_rule_is_refused_with_a_message(organiser_client, grid_world):
    w = grid_world
    url = reverse("timetable:pin", args=[w.event.slug, w.sessions["D"].pk])
    response = organiser_client.post(url, {"pin": "set", "pin-room": w.rooms["attic"].pk})
    assert _messages(response) == [
        "“Digital leaders” cannot go to Attic: it needs a step-free room."
    ]
    assert not SessionPin.objects.exists()


def test_reoptimise_around_pins_queues_a_build(organiser_client, organiser, grid_world, draft):
    w = grid_world
    organiser_client.post(
        reverse("timetable:pin", args=[w.event.slug, w.sessions["A"].pk]),
        {"pin": "set", "pin-slot": w.slots["one"].pk},
    )
    url = reverse("timetable:adjust_reoptimise", args=[w.event.slug, draft.number])
    response = organiser_client.post(url)
    assert response.status_code == 302
    build = ScheduleBuild.objects.get(event=w.event)
    assert (build.mode, build.requested_by) == (ScheduleBuild.Mode.BUILD, organiser)


def test_times_read_in_the_events_time_zone(organiser_client, grid_world, draft):
    w = grid_world
    w.event.time_zone = "Asia/Tokyo"
    w.event.save(update_fields=["time_zone"])
    Slot.objects.filter(pk=w.slots["ten"].pk).update(label="")
    local = w.slots["ten"].starts_at.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%H:%M")
    data = {"action": "move", "room": w.rooms["studio"].pk, "slot": w.slots["ten"].pk}
    response = organiser_client.get(_change(draft, w.sessions["C"]), data)
    assert f"Move “Service design” to Studio at {local}" in response.content.decode()


def test_cards_say_when_a_session_is_away_from_its_pin(organiser_client, grid_world, draft):
    w = grid_world
    SessionPin.objects.create(session=w.sessions["A"], slot=w.slots["one"])
    SessionPin.objects.create(session=w.sessions["B"], slot=w.slots["eleven"])
    organiser_client.post(_apply(draft, w.sessions["E"]), {"action": "unplace"})
    SessionPin.objects.create(session=w.sessions["E"], room=w.rooms["attic"])
    html = organiser_client.get(_adjust(draft)).content.decode()
    assert html.count("Not where it is pinned") == 1  # A, not B
    assert html.count("Pinned but not in the grid") == 1  # E


def test_adjust_page_queries_do_not_grow_with_the_grid(organiser_client, grid_world):
    w = grid_world

    def queries(layout) -> int:
        version = make_version(w, layout, origin=ScheduleVersion.Origin.BUILT)
        organiser_client.get(_adjust(version))  # the first request also saves the session
        with CaptureQueriesContext(connection) as captured:
            assert organiser_client.get(_adjust(version)).status_code == 200
        return len(captured)

    one = queries({"A": GOOD_LAYOUT["A"]})
    SessionPin.objects.create(session=w.sessions["A"], slot=w.slots["ten"])
    SessionPin.objects.create(session=w.sessions["D"], slot=w.slots["one"])
    SessionPin.objects.create(session=w.sessions["B"], room=w.rooms["hall"])
    # Three placed and two left out (one pinned): the same queries as one placed.
    assert queries({k: GOOD_LAYOUT[k] for k in "ABC"}) == one
