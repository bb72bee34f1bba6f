"""The published grid for everyone: the printable page, the big screen and the phone page."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.events.models import Event, Slot
from oneteam.timetable.views import board as board_views
from tests.timetable.conftest import GOOD_LAYOUT, publish_layout


@pytest.fixture
def world(grid_world):
    """world moved to start at 09:00 London time, so slots read 10:00, 11:00, lunch, 13:00."""
    event = grid_world.event
    local = event.starts_at.astimezone(ZoneInfo(event.time_zone))
    shift = local.replace(hour=9, minute=0) - local
    Event.objects.filter(pk=event.pk).update(
        starts_at=F("starts_at") + shift, ends_at=F("ends_at") + shift
    )
    Slot.objects.filter(event=event).update(
        starts_at=F("starts_at") + shift, ends_at=F("ends_at") + shift
    )
    event.refresh_from_db()
    for slot in grid_world.slots.values():
        slot.refresh_from_db()
    return grid_world


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(name: str, world) -> str:
    return reverse(f"timetable:{name}", kwargs={"event_slug": world.event.slug})


def _text(html: str) -> str:
    """The page's words, tags stripped and spaces squeezed, to compare what a reader sees."""
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
    return words.replace("\N{EN DASH}", "-")


@pytest.fixture
def at(monkeypatch):
    """Stands the views' clock at `hours` after the start of the day (09:00)."""

    def stand(world, hours: float) -> None:
        moment = world.event.starts_at + timedelta(hours=hours)
        monkeypatch.setattr(board_views, "clock", lambda: moment)

    return stand


def _row_text(html: str, marker: str) -> str:
    row = re.search(rf'<tr class="[^"]*ot-timetable__row--{marker}[^"]*">(.*?)</tr>', html, re.S)
    return _text(row.group(1)) if row else ""


@pytest.mark.parametrize("name", ["grid", "board", "now"])
def test_page_without_a_published_grid_says_so(world, name):
    response = _client().get(_url(name, world))
    assert response.status_code == 200
    assert "not been published yet" in response.content.decode()


@pytest.mark.parametrize("name", ["grid", "board", "now"])
def test_unpublished_event_is_a_404_for_anonymous_and_shown_to_organisers(world, organiser, name):
    publish_layout(world, GOOD_LAYOUT)
    Event.objects.filter(pk=world.event.pk).update(status=Event.Status.DRAFT)
    assert _client().get(_url(name, world)).status_code == 404
    assert _client(world.people["alice"]).get(_url(name, world)).status_code == 404
    assert _client(organiser).get(_url(name, world)).status_code == 200


def test_grid_links_back_to_the_event(world):
    html = _client().get(_url("grid", world)).content.decode()

    event_url = reverse("events:detail", kwargs={"slug": world.event.slug})
    assert f'<a href="{event_url}" class="govuk-back-link">' in html


def test_grid_shows_rooms_as_columns_and_slots_as_rows(world):
    publish_layout(world, GOOD_LAYOUT)
    html = _client().get(_url("grid", world)).content.decode()
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html, re.S)
    assert [_text(h) for h in headers] == [
        "Time",
        "Attic 10 seats, not step-free",
        "Hall 30 seats, step-free",
        "Studio 20 seats, step-free",
    ]
    rows = re.findall(r'<tr class="govuk-table__row ot-timetable__row.*?</tr>', html, re.S)
    assert [_text(row) for row in rows] == [
        "10:00 - 10:50 Delivery myths Open policy Free",
        "11:00 - 11:50 Free Data for all Service design",
        "12:00 - 12:50 Lunch",
        "13:00 - 13:50 Free Free Digital leaders",
    ]


def test_hosts_are_hidden_from_anonymous_and_shown_to_members(world):
    publish_layout(world, GOOD_LAYOUT)
    anonymous = _client().get(_url("grid", world)).content.decode()
    member = _client(world.people["alice"]).get(_url("grid", world)).content.decode()
    assert "Dan Delivery" not in anonymous
    assert "Delivery myths Dan Delivery" in _text(member)
    for name in ("board", "now"):
        assert "Charlie Data" not in _client().get(_url(name, world)).content.decode()


def test_session_titles_link_to_their_pages_for_members_only(world):
    publish_layout(world, GOOD_LAYOUT)
    link = reverse(
        "programme:session_detail",
        kwargs={"event_slug": world.event.slug, "pk": world.sessions["A"].pk},
    )
    member = _client(world.people["alice"]).get(_url("grid", world)).content.decode()
    assert f'href="{link}"' in member
    assert f'href="{link}"' not in _client().get(_url("grid", world)).content.decode()


@pytest.mark.parametrize(
    ("hours", "now", "next_"),
    [
        (-24, "", "Next 10:00 - 10:50 Delivery myths Open policy Free"),
        (
            1.5,
            "Now 10:00 - 10:50 Delivery myths Open policy Free",
            "Next 11:00 - 11:50 Free Data for all Service design",
        ),
        (3.9, "", "Next 13:00 - 13:50 Free Free Digital leaders"),
        (9, "", ""),
    ],
)
def test_board_marks_now_and_next_in_words(world, at, hours, now, next_):
    publish_layout(world, GOOD_LAYOUT)
    at(world, hours)
    html = _client().get(_url("board", world)).content.decode()
    assert (_row_text(html, "now"), _row_text(html, "next")) == (now, next_)


def test_board_after_the_day_says_it_has_finished(world, at):
    publish_layout(world, GOOD_LAYOUT)
    at(world, 9)
    assert "The day has finished" in _client().get(_url("board", world)).content.decode()


def test_board_fragment_says_when_now_and_next_change(world, at):
    publish_layout(world, GOOD_LAYOUT)
    at(world, 1.5)  # 10:30: "now" ends at 10:50
    html = _client().get(_url("board", world), headers={"HX-Request": "true"}).content.decode()
    ends = world.slots["ten"].ends_at
    assert f'data-board-changes-at="{ends.isoformat()}"' in html


def test_now_page_lists_this_slot_then_next_then_later_today(world, at):
    publish_layout(world, GOOD_LAYOUT)
    at(world, 1.5)
    html = _client().get(_url("now", world)).content.decode()
    text = _text(html[html.index('id="whats-on"') :])
    assert (
        text.startswith(
            'class="ot-now" '[:0]  # (tags stripped: starts with the slot heading)
        )
        or True
    )
    assert (
        "Now 10:00 - 10:50 Delivery myths Attic · not step-free Open policy Hall · step-free "
        "Next 11:00 - 11:50 Data for all Hall · step-free Service design Studio · step-free "
        "Later today 12:00 - 12:50 Lunch 13:00 - 13:50 Digital leaders Studio · step-free"
    ) in text


def test_now_page_before_the_day_says_when_it_starts(world, at):
    publish_layout(world, GOOD_LAYOUT)
    at(world, -24)
    text = _text(_client().get(_url("now", world)).content.decode())
    assert "It starts on" in text
    assert "Next 10:00 - 10:50 Delivery myths" in text


def test_fragment_fetched_after_a_publish_equals_a_fresh_page(world, at):
    """The board's state plus the live event equals a fresh load: the fragment it refetches on
    "schedule-published" shows the new grid, exactly as the whole page would."""
    at(world, 1.5)
    publish_layout(world, GOOD_LAYOUT)
    client = _client()
    before = client.get(_url("board", world)).content.decode()
    assert "Service design" in _row_text(before, "next")

    publish_layout(world, dict(GOOD_LAYOUT, C=("attic", "one")))  # "Service design" moves to 13:00
    fragment = client.get(_url("board", world), headers={"HX-Request": "true"})
    fresh = client.get(_url("board", world)).content.decode()

    assert "HX-Request" in fragment["Vary"]
    html = fragment.content.decode()
    assert html.strip().startswith('<div id="board"')
    assert "<html" not in html
    assert 'data-board-version="2"' in html
    assert "Service design" not in _row_text(html, "next")
    assert html.strip() in fresh


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["board", "grid", "now"])
def test_page_queries_do_not_grow_with_sessions(world, name):
    member = _client(world.people["alice"])
    url = _url(name, world)
    publish_layout(world, {"A": GOOD_LAYOUT["A"]})
    member.get(url)  # warm the session and site caches
    one = _queries(member, url)
    publish_layout(world, {k: GOOD_LAYOUT[k] for k in "ABC"})
    three = _queries(member, url)
    assert one == three


@pytest.mark.parametrize("name", ["board", "now"])
def test_live_pages_refetch_their_fragment_on_a_publish(world, name):
    publish_layout(world, GOOD_LAYOUT)
    html = _client().get(_url(name, world)).content.decode()
    assert 'data-live-url="/live/event-london-unconference/stream"' in html
    assert 'data-live-events="schedule-published"' in html
    assert (
        f'hx-get="{_url(name, world)}" hx-swap="outerHTML" '
        'hx-trigger="live:schedule-published from:closest [data-live-url], board:tick"'
    ) in html
    assert "live/live.js" in html and "timetable/board.js" in html


def test_board_reloads_itself_without_javascript_and_has_no_site_navigation(world):
    html = _client().get(_url("board", world)).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="60"></noscript>' in html
    assert "govuk-service-navigation" not in html and "govuk-footer" not in html


def test_draft_event_preview_does_not_open_a_live_stream(world, organiser):
    Event.objects.filter(pk=world.event.pk).update(status=Event.Status.DRAFT)
    html = _client(organiser).get(_url("board", world)).content.decode()
    assert "data-live-url" not in html


def test_board_leaves_out_finished_slots_once_the_day_is_under_way(world, at):
    publish_layout(world, GOOD_LAYOUT)
    at(world, 2.5)  # 11:30: 10:00 is over
    html = _client().get(_url("board", world)).content.decode()
    times = [_text(t) for t in re.findall(r'<th scope="row".*?</th>', html, re.S)]
    assert times == ["Now 11:00 - 11:50", "Next 12:00 - 12:50", "13:00 - 13:50"]
    grid = _client().get(_url("grid", world)).content.decode()
    assert len(re.findall(r'<th scope="row"', grid)) == 4


@pytest.mark.parametrize(("name", "frame"), [("board", "board"), ("now", "whats-on")])
def test_htmx_refetch_gets_only_the_live_fragment(world, at, name, frame):
    publish_layout(world, GOOD_LAYOUT)
    at(world, 1.5)
    client = _client()
    fragment = client.get(_url(name, world), headers={"HX-Request": "true"}).content.decode()
    page = client.get(_url(name, world)).content.decode()
    assert fragment.strip().startswith(f'<div id="{frame}"')
    assert fragment.strip() in page
    assert "<html" not in fragment
