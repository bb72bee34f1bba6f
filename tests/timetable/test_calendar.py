"""The private iCalendar feed of a member's agenda, and the page that manages its address."""

from __future__ import annotations

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from oneteam.events.calendars import site_host
from oneteam.events.models import Event
from oneteam.events.services.events import event_cancel
from oneteam.programme.models import Session
from oneteam.programme.services.pitches import session_merge, session_withdraw
from oneteam.timetable.models import AgendaFeed, ScheduleVersion
from oneteam.timetable.services.agenda import feed_create
from tests.timetable.conftest import GOOD_LAYOUT, make_version, publish_layout

FEED_PAGE = reverse("agenda:feed")
HOUR = timedelta(hours=1)


def feed_url(token: str) -> str:
    return reverse("agenda:feed_ics", kwargs={"token": token})


def read_feed(client, token: str) -> dict[str, icalendar.Event]:
    """The feed's VEVENTs by SUMMARY's session title."""
    response = client.get(feed_url(token))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]).split(" (")[0]: e for e in calendar.walk("VEVENT")}


def test_feed_page_creates_revokes_and_renews_the_address(grid_world, client):
    alice = grid_world.people["alice"]
    client.force_login(alice)
    page = client.get(FEED_PAGE)
    assert page.status_code == 200
    assert "Create my calendar feed" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"

    assert client.post(FEED_PAGE, {"action": "create"}).status_code == 302
    first = AgendaFeed.objects.get(user=alice).token
    page = client.get(FEED_PAGE).content.decode()
    site = settings.SITE_URL.split("://", 1)[1]
    assert f'href="webcal://{site}{feed_url(first)}"' in page
    assert f'value="{settings.SITE_URL}{feed_url(first)}"' in page
    client.post(FEED_PAGE, {"action": "create"})  # twice keeps the address
    assert AgendaFeed.objects.get(user=alice).token == first

    client.post(FEED_PAGE, {"action": "regenerate"})
    second = AgendaFeed.objects.get(user=alice).token
    assert second != first
    assert client.get(feed_url(first)).status_code == 404
    assert client.get(feed_url(second)).status_code == 200

    client.post(FEED_PAGE, {"action": "revoke"})
    assert not AgendaFeed.objects.filter(user=alice).exists()
    assert client.get(feed_url(second)).status_code == 404
    assert "Create my calendar feed" in client.get(FEED_PAGE).content.decode()


def test_unknown_token_is_not_found_and_never_logged(grid_world, client, caplog):
    with caplog.at_level(logging.DEBUG):
        response = client.get(feed_url("not-a-real-token-but-long-enough"))
        refused = client.post(feed_url("not-a-real-token-but-long-enough"))
    assert response.status_code == 404 and refused.status_code == 405
    assert "not-a-real-token" not in caplog.text


def test_feed_lists_the_members_placed_sessions_with_rooms_and_times(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    w.event.venue_name = "Civic Hall"
    w.event.save(update_fields=["venue_name"])
    token = feed_create(user=w.people["alice"]).token
    response = client.get(feed_url(token))  # anonymous: the token is the credential
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=300"
    events = read_feed(client, token)
    # Marked A and B, hosts C; D and E are other members' sessions.
    assert sorted(events) == ["Data for all", "Open policy", "Service design"]
    a = events["Open policy"]
    assert str(a["LOCATION"]) == "Hall, Civic Hall"
    assert w.slots["ten"].starts_at == a.DTSTART
    assert a.DTSTART.tzinfo == ZoneInfo("Europe/London")
    assert w.slots["ten"].ends_at == a.DTEND
    assert str(a["UID"]) == f"session-{w.sessions['A'].pk}@{site_host()}"
    assert int(a["SEQUENCE"]) == 1


def test_feed_follows_a_new_publish(grid_world, client):
    w = grid_world
    first = publish_layout(w, GOOD_LAYOUT)
    # Published an hour ago: the feed's stamps have one-second precision.
    ScheduleVersion.objects.filter(pk=first.pk).update(published_at=F("published_at") - HOUR)
    token = feed_create(user=w.people["alice"]).token
    before = read_feed(client, token)
    # Open policy moves to the Attic at 13:00; Digital leaders takes its place.
    publish_layout(w, dict(GOOD_LAYOUT, A=("attic", "one"), D=("hall", "ten")))
    after = read_feed(client, token)

    moved_before, moved_after = before["Open policy"], after["Open policy"]
    assert moved_after["UID"] == moved_before["UID"]
    assert int(moved_after["SEQUENCE"]) > int(moved_before["SEQUENCE"])
    assert moved_after.DTSTART == w.slots["one"].starts_at != moved_before.DTSTART
    assert str(moved_after["LOCATION"]) == "Attic"
    assert moved_after["LAST-MODIFIED"].dt > moved_before["LAST-MODIFIED"].dt
    # A session that stayed put is unchanged, so calendar apps leave it alone.
    stayed_before, stayed_after = before["Data for all"], after["Data for all"]
    assert int(stayed_after["SEQUENCE"]) == int(stayed_before["SEQUENCE"])
    assert stayed_after["DTSTAMP"].dt == stayed_before["DTSTAMP"].dt


def test_sequence_never_goes_down_when_a_session_returns(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    token = feed_create(user=w.people["alice"]).token
    publish_layout(w, dict(GOOD_LAYOUT, A=("attic", "one"), D=("hall", "ten")))
    moved = int(read_feed(client, token)["Open policy"]["SEQUENCE"])
    publish_layout(w, GOOD_LAYOUT)  # back where it was first: still a change for calendar apps
    assert int(read_feed(client, token)["Open policy"]["SEQUENCE"]) > moved


def test_dropped_sessions_leave_the_feed_and_withdrawn_ones_are_cancelled(grid_world, client):
    w = grid_world
    publish_layout(w, {k: v for k, v in GOOD_LAYOUT.items() if k != "B"})
    token = feed_create(user=w.people["alice"]).token
    Session.objects.filter(pk=w.sessions["C"].pk).update(status=Session.Status.WITHDRAWN)
    statuses = {title: str(e["STATUS"]) for title, e in read_feed(client, token).items()}
    assert statuses == {"Open policy": "CONFIRMED", "Service design": "CANCELLED"}


def test_feed_leaves_out_unpublished_grids_and_events(grid_world, client):
    w = grid_world
    token = feed_create(user=w.people["alice"]).token
    make_version(w, {"A": ("hall", "ten")})
    assert read_feed(client, token) == {}  # a draft only
    publish_layout(w, GOOD_LAYOUT)
    assert len(read_feed(client, token)) == 3
    Event.objects.filter(pk=w.event.pk).update(status=Event.Status.DRAFT)
    assert read_feed(client, token) == {}


def test_each_member_reads_only_their_own_feed(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    alices = feed_create(user=w.people["alice"]).token
    beas = feed_create(user=w.people["bea"]).token
    assert alices != beas
    # Bea marked A and C and hosts D.
    assert sorted(read_feed(client, beas)) == ["Digital leaders", "Open policy", "Service design"]
    assert "Data for all" not in read_feed(client, beas)


def test_feed_queries_do_not_grow_with_sessions(grid_world, client, django_assert_num_queries):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    publish_layout(w, dict(GOOD_LAYOUT, A=("attic", "one"), D=("hall", "ten")))
    eve = feed_create(user=w.people["eve"]).token  # 3 sessions
    dan = feed_create(user=w.people["dan"]).token  # 2 sessions (marked B, hosts E)
    with django_assert_num_queries(4):
        assert len(read_feed(client, eve)) == 3
    with django_assert_num_queries(4):
        assert len(read_feed(client, dan)) == 2


def test_calendar_keeps_one_uid_across_polls(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    token = feed_create(user=w.people["alice"]).token
    first, second = (
        icalendar.Calendar.from_ical(client.get(feed_url(token)).content) for _ in range(2)
    )
    assert first["UID"] == second["UID"]
    assert str(first["X-WR-CALNAME"]) == "One Team: my agenda"


def test_server_access_logs_never_show_a_feed_token(grid_world, client, caplog):
    token = feed_create(user=grid_world.people["alice"]).token
    assert client.get(feed_url(token)).status_code == 200  # the routes, and the filter, load
    with caplog.at_level(logging.INFO):
        # As uvicorn writes its access line, and as runserver does.
        logging.getLogger("uvicorn.access").info(
            '%s - "%s %s HTTP/%s" %d', "10.0.0.1:5000", "GET", feed_url(token), "1.1", 200
        )
        logging.getLogger("django.server").info('"%s" %s %s', f"GET {feed_url(token)}", 200, 9)
    assert token not in caplog.text
    assert caplog.text.count("/agenda/[token].ics") == 2


def test_cancelled_event_keeps_its_sessions_marked_cancelled(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    token = feed_create(user=w.people["alice"]).token
    before = read_feed(client, token)
    event_cancel(event=w.event)
    after = read_feed(client, token)
    assert sorted(after) == sorted(before) == ["Data for all", "Open policy", "Service design"]
    for title, entry in after.items():
        assert str(entry["STATUS"]) == "CANCELLED"
        assert entry["UID"] == before[title]["UID"]
        assert int(entry["SEQUENCE"]) > int(before[title]["SEQUENCE"])
        assert entry.DTSTART == before[title].DTSTART
    assert read_feed(client, token) == after  # stable across polls: no phantom updates


def test_cancelled_event_leaves_the_feed_a_month_after_it_ended(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    token = feed_create(user=w.people["alice"]).token
    event_cancel(event=w.event)
    now = timezone.now()
    Event.objects.filter(pk=w.event.pk).update(
        starts_at=now - timedelta(days=32), ends_at=now - timedelta(days=31)
    )
    assert read_feed(client, token) == {}


def test_withdrawn_session_stays_marked_cancelled_after_a_new_publish(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    token = feed_create(user=w.people["alice"]).token
    before = read_feed(client, token)["Service design"]
    session_withdraw(session=w.sessions["C"])
    withdrawn = read_feed(client, token)
    assert str(withdrawn["Service design"]["STATUS"]) == "CANCELLED"
    assert int(withdrawn["Service design"]["SEQUENCE"]) > int(before["SEQUENCE"])
    assert str(withdrawn["Open policy"]["STATUS"]) == "CONFIRMED"
    # The next grid leaves it out; the feed still says it is cancelled, with the same sequence.
    publish_layout(w, {k: v for k, v in GOOD_LAYOUT.items() if k != "C"})
    republished = read_feed(client, token)["Service design"]
    assert str(republished["STATUS"]) == "CANCELLED"
    assert int(republished["SEQUENCE"]) == int(withdrawn["Service design"]["SEQUENCE"])
    assert republished.DTSTART == before.DTSTART


def test_merged_session_is_marked_cancelled_for_its_host(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    token = feed_create(user=w.people["dan"]).token  # hosts E, marked B
    before = read_feed(client, token)["Delivery myths"]
    session_merge(duplicate=w.sessions["E"], into=w.sessions["B"])
    after = read_feed(client, token)["Delivery myths"]
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_session_never_published_does_not_appear_cancelled(grid_world, client):
    w = grid_world
    make_version(w, GOOD_LAYOUT)  # a draft only
    token = feed_create(user=w.people["alice"]).token
    session_withdraw(session=w.sessions["C"])
    event_cancel(event=w.event)
    assert read_feed(client, token) == {}


def test_feed_queries_stay_constant_with_cancelled_sessions(
    grid_world, client, django_assert_num_queries
):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    publish_layout(w, dict(GOOD_LAYOUT, A=("attic", "one"), D=("hall", "ten")))
    eve = feed_create(user=w.people["eve"]).token  # A, B, D
    session_withdraw(session=w.sessions["A"])
    session_withdraw(session=w.sessions["D"])
    publish_layout(w, {k: v for k, v in GOOD_LAYOUT.items() if k not in "AD"})
    with django_assert_num_queries(4):
        events = read_feed(client, eve)
    assert {t: str(e["STATUS"]) for t, e in events.items()} == {
        "Open policy": "CANCELLED",
        "Data for all": "CONFIRMED",
        "Digital leaders": "CANCELLED",
    }
