"""A host who does not show: the organiser cancels their session on the published grid.

One confirmation page says in words what will happen; confirming withdraws the session,
publishes a new version without it and tells its hosts and everyone interested, once.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from oneteam.programme.models import Session
from oneteam.timetable.models import ScheduleChange, ScheduleVersion, SessionPin
from oneteam.timetable.selectors import current_version, version_placements
from oneteam.timetable.services.cancel import session_cancel
from tests.timetable.conftest import GOOD_LAYOUT, placements_for, publish_layout, refusal_message

# "Open policy" (A) is in the Hall at 10:00, hosted by Charlie; Alice, Eve and Bea want it.
TOLD_OF_A = {"charlie", "alice", "eve", "bea"}


def _cancel_url(world, key: str = "A") -> str:
    return reverse(
        "timetable:session_cancel",
        kwargs={"event_slug": world.event.slug, "pk": world.sessions[key].pk},
    )


def _ten(world) -> str:
    return (
        world.slots["ten"].starts_at.astimezone(ZoneInfo(world.event.time_zone)).strftime("%H:%M")
    )


def _unchanged(world, published: ScheduleVersion) -> bool:
    return (
        current_version(event=world.event) == published
        and ScheduleVersion.objects.filter(event=world.event).count() == published.number
        and not ScheduleChange.objects.exists()
    )


@pytest.fixture
def olu(client, organiser):
    client.force_login(organiser)
    return client


def test_cancel_publishes_a_grid_without_the_session_and_tells_each_person_once(
    grid_world, organiser, django_capture_on_commit_callbacks
):
    w = grid_world
    published = publish_layout(w, GOOD_LAYOUT)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        version = session_cancel(session=w.sessions["A"], by=organiser)

    assert current_version(event=w.event) == version
    assert (version.number, version.origin, version.based_on) == (
        published.number + 1,
        ScheduleVersion.Origin.CANCELLED,
        published,
    )
    without_a = {k: v for k, v in GOOD_LAYOUT.items() if k != "A"}
    assert version_placements(version=version) == placements_for(w, without_a)
    assert Session.objects.get(pk=w.sessions["A"].pk).status == Session.Status.WITHDRAWN
    # Nothing is left out that the grid should place: the cancelled session is not one of them.
    assert version.cost["unscheduled"] == 0
    told = ScheduleChange.objects.filter(version=version)
    assert sorted(told.values_list("user_id", flat=True)) == sorted(
        w.people[p].pk for p in TOLD_OF_A
    )
    assert set(told.values_list("session_id", flat=True)) == {w.sessions["A"].pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(w.people[p].email for p in TOLD_OF_A)
    to_eve = next(m for m in mail.outbox if m.to == [w.people["eve"].email])
    assert to_eve.subject == f"[One Team] A session you follow at {w.event.title} is cancelled"
    assert "- Open policy\n" in to_eve.body
    assert "Now: cancelled" in to_eve.body


def test_cancel_frees_the_pinned_cell(grid_world, organiser):
    w = grid_world
    SessionPin.objects.create(session=w.sessions["A"], room=w.rooms["hall"], slot=w.slots["ten"])
    publish_layout(w, GOOD_LAYOUT)

    session_cancel(session=w.sessions["A"], by=organiser)

    assert not SessionPin.objects.filter(session=w.sessions["A"]).exists()


def test_cancelling_twice_is_refused_and_changes_nothing_more(grid_world, organiser):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    first = session_cancel(session=w.sessions["A"], by=organiser)
    notices = ScheduleChange.objects.count()

    message = refusal_message(lambda: session_cancel(session=w.sessions["A"], by=organiser))

    assert message == "“Open policy” is already cancelled or withdrawn: nothing has changed."
    assert current_version(event=w.event) == first
    assert ScheduleVersion.objects.filter(event=w.event).count() == first.number
    assert ScheduleChange.objects.count() == notices


def test_cancel_by_someone_who_does_not_organise_is_refused(grid_world):
    w = grid_world
    published = publish_layout(w, GOOD_LAYOUT)

    message = refusal_message(
        lambda: session_cancel(session=w.sessions["A"], by=w.people["charlie"])
    )

    assert message == f"Only the organisers of {w.event.title} can cancel a session."
    assert Session.objects.get(pk=w.sessions["A"].pk).status == Session.Status.PITCHED
    assert _unchanged(w, published)


def test_cancel_of_a_session_not_on_the_published_grid_is_refused(grid_world, organiser):
    w = grid_world
    published = publish_layout(w, {k: v for k, v in GOOD_LAYOUT.items() if k != "E"})

    message = refusal_message(lambda: session_cancel(session=w.sessions["E"], by=organiser))

    assert message == (
        "“Delivery myths” is not on the published grid, so there is nothing to cancel there."
    )
    assert Session.objects.get(pk=w.sessions["E"].pk).status == Session.Status.PITCHED
    assert _unchanged(w, published)


def test_cancel_before_any_grid_is_published_is_refused(grid_world, organiser):
    message = refusal_message(
        lambda: session_cancel(session=grid_world.sessions["A"], by=organiser)
    )

    assert message.startswith("No grid is published yet")
    assert not ScheduleVersion.objects.exists()
    assert Session.objects.get(pk=grid_world.sessions["A"].pk).status == Session.Status.PITCHED


def test_confirmation_page_says_what_will_happen_and_changes_nothing(grid_world, olu):
    w = grid_world
    published = publish_layout(w, GOOD_LAYOUT)
    version_page = olu.get(
        reverse("timetable:version", kwargs={"event_slug": w.event.slug, "number": 1})
    ).text
    assert _cancel_url(w) in version_page

    page = olu.get(_cancel_url(w))

    assert page.status_code == 200
    assert f"“Open policy” at {_ten(w)} in Hall will be cancelled." in page.text
    assert "3 people marked interest; they will be told." in page.text
    assert "Its host, Charlie Data, will be told too." in page.text
    assert _unchanged(w, published)


def test_confirming_shows_the_new_grid_without_the_session(grid_world, olu):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)

    response = olu.post(_cancel_url(w), follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "timetable:version", kwargs={"event_slug": w.event.slug, "number": 2}
    )
    text = response.content.decode()
    assert "“Open policy” is cancelled. Version 2, without it, is now the published grid" in text
    grid = text.split('id="grid"')[1]
    assert "Open policy" not in grid and "Data for all" in grid


def test_confirming_again_shows_the_refusal_and_publishes_nothing(grid_world, olu):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    olu.post(_cancel_url(w))

    response = olu.post(_cancel_url(w))

    assert response.status_code == 200
    assert "“Open policy” is already cancelled or withdrawn: nothing has changed." in (
        response.text
    )
    assert "govuk-button--warning" not in response.text
    assert ScheduleVersion.objects.filter(event=w.event).count() == 2


def test_a_member_cannot_cancel_a_session(grid_world, client):
    w = grid_world
    published = publish_layout(w, GOOD_LAYOUT)
    client.force_login(w.people["charlie"])

    assert client.post(_cancel_url(w)).status_code == 404
    assert _unchanged(w, published)
    assert Session.objects.get(pk=w.sessions["A"].pk).status == Session.Status.PITCHED


def test_an_interested_attendee_sees_the_cancellation_on_their_agenda(
    grid_world, organiser, client
):
    w = grid_world
    publish_layout(w, GOOD_LAYOUT)
    session_cancel(session=w.sessions["A"], by=organiser)
    client.force_login(w.people["eve"])

    page = client.get(reverse("timetable:agenda", kwargs={"event_slug": w.event.slug})).text

    assert f"“Open policy” at {_ten(w)} in Hall is cancelled." in page


def test_cancel_of_a_merged_session_is_refused(grid_world, organiser):
    w = grid_world
    published = publish_layout(w, GOOD_LAYOUT)
    Session.objects.filter(pk=w.sessions["A"].pk).update(status=Session.Status.MERGED)

    message = refusal_message(lambda: session_cancel(session=w.sessions["A"], by=organiser))

    assert message == "“Open policy” was merged into another session, so it cannot be cancelled."
    assert _unchanged(w, published)


def test_withdrawing_a_session_on_the_published_grid_sends_the_host_to_cancel_it_there(
    client, grid_world
):
    # Withdrawn from the programme, it would stay on the grid and the board with nobody told.
    published = publish_layout(grid_world, GOOD_LAYOUT)
    client.force_login(grid_world.people["charlie"])
    url = reverse(
        "programme:session_withdraw",
        kwargs={"event_slug": grid_world.event.slug, "pk": grid_world.sessions["A"].pk},
    )

    page = client.get(url).content.decode()
    refused = client.post(url)

    assert "This session is on the published timetable" in page
    assert _cancel_url(grid_world) in page
    assert refused.status_code == 409
    assert grid_world.sessions["A"].__class__.objects.get(
        pk=grid_world.sessions["A"].pk
    ).status == (Session.Status.PITCHED)
    assert _unchanged(grid_world, published)
