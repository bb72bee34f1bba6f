"""The personal agenda: a member's sessions in the published grid, clashes, change notices."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from oneteam.events.models import Event, Slot
from oneteam.programme.models import Interest, Session
from oneteam.timetable.agenda import agenda_for
from oneteam.timetable.models import ScheduleChange, ScheduleVersion
from tests.timetable.conftest import GOOD_LAYOUT, publish_layout

# In GOOD_LAYOUT, Alice (marked A and B, hosts C) has B and C at 11:00: a clash; 13:00 (D) is
# free for her.


def local(world, slot: Slot) -> str:
    return timezone.localtime(slot.starts_at, ZoneInfo(world.event.time_zone)).strftime("%H:%M")


def agenda_url(world) -> str:
    return reverse("timetable:agenda", kwargs={"event_slug": world.event.slug})


def test_agenda_lists_marked_and_hosted_sessions_with_room_time_and_hosts(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    client.force_login(w.people["alice"])
    response = client.get(agenda_url(w))
    assert response.status_code == 200
    agenda = response.context["agenda"]
    assert [i.session.title for i in agenda.placed] == [
        "Open policy",
        "Data for all",
        "Service design",
    ]
    assert [(i.is_interested, i.is_host) for i in agenda.placed] == [
        (True, False),
        (True, False),
        (False, True),
    ]
    page = response.content.decode()
    row = page.split(f'id="agenda-session-{w.sessions["A"].pk}"')[1].split("</tr>")[0]
    assert local(w, w.slots["ten"]) in row
    assert "Hall" in row and "Step-free" in row
    assert "Charlie Data" in row
    # Sessions she neither marked nor hosts are not hers.
    assert f'id="agenda-session-{w.sessions["D"].pk}"' not in page
    assert f'id="agenda-session-{w.sessions["E"].pk}"' not in page
    assert reverse("agenda:feed") in page


def test_agenda_lists_sessions_not_in_the_grid_separately(grid_world, client):
    w = grid_world
    publish_layout(w, {k: v for k, v in GOOD_LAYOUT.items() if k != "B"})
    client.force_login(w.people["alice"])
    response = client.get(agenda_url(w))
    agenda = response.context["agenda"]
    assert [i.session.title for i in agenda.unplaced] == ["Data for all"]
    assert "Data for all" not in [i.session.title for i in agenda.placed]
    page = response.content.decode()
    assert "Not in the grid (yet)" in page
    assert page.index("Data for all") > page.index("Not in the grid (yet)")


def test_withdrawn_sessions_leave_the_agenda(grid_world):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    Session.objects.filter(pk=w.sessions["A"].pk).update(status=Session.Status.WITHDRAWN)
    agenda = agenda_for(event=w.event, user=w.people["alice"])
    assert [i.session.title for i in agenda.placed] == ["Data for all", "Service design"]
    assert agenda.unplaced == []


def test_clash_is_flagged_with_the_sessions_and_what_is_on_when_free(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    client.force_login(w.people["alice"])
    response = client.get(agenda_url(w))
    agenda = response.context["agenda"]
    assert len(agenda.clashes) == 1
    clash = agenda.clashes[0]
    assert clash.slot == w.slots["eleven"]
    assert [i.session.title for i in clash.items] == ["Data for all", "Service design"]
    # 10:00 holds Open policy and 11:00 the clash: only 13:00 is free, with Digital leaders.
    assert [(f.slot, [p.session.title for p in f.placements]) for f in agenda.free_slots] == [
        (w.slots["one"], ["Digital leaders"])
    ]
    page = response.content.decode()
    warning = page.split(f'id="clash-{w.slots["eleven"].pk}"')[1].split("</div>")[0]
    assert "“Data for all” (Hall)" in warning and "“Service design” (Studio)" in warning
    assert local(w, w.slots["eleven"]) in warning
    assert "Sessions are not repeated" in page
    assert "When you are free" in page


def test_no_clash_no_warning(grid_world, client):
    w = grid_world
    publish_layout(w, dict(GOOD_LAYOUT, C=("studio", "one"), D=("studio", "ten")))
    client.force_login(w.people["alice"])
    response = client.get(agenda_url(w))
    assert response.context["agenda"].clashes == []
    assert "govuk-warning-text" not in response.content.decode()


def _notice(w, who: str, session: str, to: tuple[str, str] | None) -> ScheduleChange:
    version = ScheduleVersion.objects.get(event=w.event, is_current=True)
    return ScheduleChange.objects.create(
        user=w.people[who],
        version=version,
        session=w.sessions[session],
        from_room=w.rooms["hall"],
        from_slot=w.slots["ten"],
        to_room=w.rooms[to[0]] if to else None,
        to_slot=w.slots[to[1]] if to else None,
    )


def test_change_notices_are_shown_and_dismissed_one_by_one(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    moved = _notice(w, "alice", "A", ("attic", "eleven"))
    dropped = _notice(w, "alice", "B", None)
    client.force_login(w.people["alice"])
    page = client.get(agenda_url(w)).content.decode()
    ten, eleven = local(w, w.slots["ten"]), local(w, w.slots["eleven"])
    assert f"“Open policy” moved from Hall {ten} to Attic {eleven}." in page
    assert "“Data for all” is no longer in the grid." in page

    response = client.post(
        reverse("timetable:agenda_notice_dismiss", kwargs={"event_slug": w.event.slug}),
        {"notice": moved.pk},
    )
    assert response.status_code == 302
    moved.refresh_from_db()
    dropped.refresh_from_db()
    assert moved.dismissed_at is not None and dropped.dismissed_at is None
    page = client.get(agenda_url(w)).content.decode()
    assert "“Open policy” moved" not in page
    assert "“Data for all” is no longer in the grid." in page


def test_a_member_cannot_dismiss_someone_elses_notice(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    beas = _notice(w, "bea", "A", ("attic", "eleven"))
    client.force_login(w.people["alice"])
    url = reverse("timetable:agenda_notice_dismiss", kwargs={"event_slug": w.event.slug})
    client.post(url, {"notice": beas.pk})
    client.post(url, {})  # "dismiss all" is all of hers, never Bea's
    beas.refresh_from_db()
    assert beas.dismissed_at is None
    assert "“Open policy” moved" not in client.get(agenda_url(w)).content.decode()


def test_publishing_a_move_puts_a_notice_on_the_agenda(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    publish_layout(w, dict(GOOD_LAYOUT, A=("attic", "one"), D=("hall", "ten")))
    client.force_login(w.people["alice"])
    page = client.get(agenda_url(w)).content.decode()
    ten, one = local(w, w.slots["ten"]), local(w, w.slots["one"])
    assert f"“Open policy” moved from Hall {ten} to Attic {one}." in page


def test_before_publication_the_agenda_says_so_and_links_to_my_choices(grid_world, client):
    w = grid_world
    client.force_login(w.people["alice"])
    response = client.get(agenda_url(w))
    page = response.content.decode()
    assert response.status_code == 200
    assert "have not published the grid yet" in page
    assert reverse("programme:my_choices", kwargs={"event_slug": w.event.slug}) in page
    assert "agenda-sessions" not in page


def test_htmx_refetch_returns_only_the_agenda_fragment(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    client.force_login(w.people["alice"])
    response = client.get(agenda_url(w), headers={"HX-Request": "true"})
    page = response.content.decode().strip()
    assert page.startswith('<div id="agenda"')
    assert "<html" not in page and "Open policy" in page
    # The page and its fragment share a URL: caches must tell them apart.
    assert response["Vary"].split(", ").count("HX-Request") == 1
    assert "HX-Request" in client.get(agenda_url(w))["Vary"]


def test_agenda_page_listens_for_publishes_on_the_event_channel(grid_world, client):
    w = grid_world
    client.force_login(w.people["alice"])
    page = client.get(agenda_url(w)).content.decode()
    assert 'data-live-events="schedule-published"' in page
    assert f"/live/event-{w.event.slug}/stream" in page
    assert 'hx-trigger="live:schedule-published from:closest [data-live-url]"' in page


def test_agenda_of_a_draft_event_is_not_found(grid_world, client):
    w = grid_world
    Event.objects.filter(pk=w.event.pk).update(status=Event.Status.DRAFT)
    client.force_login(w.people["alice"])
    assert client.get(agenda_url(w)).status_code == 404


def test_agenda_queries_do_not_grow_with_sessions(grid_world, client):
    """Eve with 1 session (and notice), then 3: the page costs the same number of queries."""
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    eve = w.people["eve"]
    Interest.objects.filter(user=eve).delete()
    # An unplaced one as well, hosted, with two hosts.
    late = Session.objects.create(event=w.event, title="Late pitch")
    late.hosts.add(eve, w.people["dan"])
    client.force_login(eve)

    def measure(keys: str) -> int:
        for k in keys:
            Interest.objects.create(session=w.sessions[k], user=eve)
            _notice(w, "eve", k, ("attic", "one"))
        client.get(agenda_url(w))  # warm the session and user caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(agenda_url(w))
        assert len(response.context["agenda"].notices) == len(response.context["agenda"].placed)
        return len(captured)

    one = measure("A")
    three = measure("BD")
    assert one == three


def test_htmx_dismiss_answers_with_the_agenda_fragment(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    notice = _notice(w, "alice", "A", ("attic", "eleven"))
    client.force_login(w.people["alice"])
    response = client.post(
        reverse("timetable:agenda_notice_dismiss", kwargs={"event_slug": w.event.slug}),
        {"notice": notice.pk},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = response.content.decode().strip()
    assert page.startswith('<div id="agenda"') and "“Open policy” moved" not in page


def test_dismiss_all_clears_every_notice_of_the_member(grid_world, client):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    mine = [_notice(w, "alice", "A", ("attic", "eleven")), _notice(w, "alice", "B", None)]
    client.force_login(w.people["alice"])
    assert "Dismiss all changes" in client.get(agenda_url(w)).content.decode()
    client.post(reverse("timetable:agenda_notice_dismiss", kwargs={"event_slug": w.event.slug}))
    assert (
        ScheduleChange.objects.filter(pk__in=[n.pk for n in mine], dismissed_at=None).count() == 0
    )
    assert 'id="notices"' not in client.get(agenda_url(w)).content.decode()
