"""Each hostile input found by probing, refused or made harmless: never a 500, nothing lost."""

from __future__ import annotations

from xml.etree import ElementTree

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from oneteam.events.emails import send_promotion
from oneteam.events.models import Event, Registration
from oneteam.members.models import Profile
from oneteam.programme.models import Session
from oneteam.timetable.services.agenda import feed_create
from tests.events.conftest import register
from tests.timetable.conftest import GOOD_LAYOUT, fixture_grid_world, publish_layout

pytestmark = pytest.mark.django_db
grid_world = fixture_grid_world  # the timetable's small un-conference, for the agenda feed
ATOM = "{http://www.w3.org/2005/Atom}"
BROKEN_TITLE = "One Team\r\nLondon"


def _store_title(event: Event, title: str) -> None:
    # As old data: stored before the forms refused it.
    Event.objects.filter(pk=event.pk).update(title=title)
    event.refresh_from_db()


# --- Stored text that broke an output -----------------------------------------------------


def test_event_calendar_with_a_line_break_in_the_title_is_one_line(client, event):
    _store_title(event, BROKEN_TITLE)

    response = client.get(reverse("events:calendar", kwargs={"slug": event.slug}))

    assert response.status_code == 200
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "One Team London"


def test_chapter_calendar_with_control_characters_in_an_event_still_serves(client, chapter, event):
    Event.objects.filter(pk=event.pk).update(
        title="Bell\x07\r\n", description="line\x0bone\r\ntwo", venue_name="Hall\r\n"
    )

    response = client.get(reverse("chapters:calendar", kwargs={"slug": chapter.slug}))

    assert response.status_code == 200
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert (str(vevent["SUMMARY"]), str(vevent["LOCATION"])) == ("Bell", "Hall")
    assert str(vevent["DESCRIPTION"]).startswith("lineone\ntwo\n\n")


def test_promoted_attendee_gets_a_ticket_when_the_title_has_a_line_break(small_event, member):
    _store_title(small_event, BROKEN_TITLE)
    registration = register(small_event, member)
    mail.outbox.clear()

    send_promotion(registration)

    (message,) = mail.outbox
    assert message.subject == "[One Team] A place has come up for you at One Team London"


def test_message_subject_with_a_line_break_is_refused_and_sends_nothing(
    client, organiser, event, member
):
    register(event, member)
    mail.outbox.clear()
    client.force_login(organiser)

    response = client.post(
        reverse("events:message", kwargs={"slug": event.slug}),
        {"subject": "Doors\r\nBcc: everyone@example.org", "body": "Hello"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["subject"] == [
        "Subject must be on one line and must not contain invisible or control characters"
    ]
    assert mail.outbox == []


def test_chapter_feed_with_a_vertical_tab_in_a_description_still_serves(client, chapter, event):
    Event.objects.filter(pk=event.pk).update(description="Bring\x0b a pitch")

    response = client.get(reverse("chapters:feed", kwargs={"slug": chapter.slug}))

    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    (summary,) = [e.findtext(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")]
    assert '<p class="govuk-body">Bring a pitch</p>' in summary


def test_chapter_feed_summary_is_the_sanitised_markdown(client, chapter, event):
    Event.objects.filter(pk=event.pk).update(
        description='<img src=x onerror="alert(1)"> **Bold** [x](javascript:alert(1))'
    )

    response = client.get(reverse("chapters:feed", kwargs={"slug": chapter.slug}))

    feed = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    (summary,) = [e.findtext(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")]
    assert "<img" not in summary
    assert 'href="javascript' not in summary
    assert "<strong>Bold</strong>" in summary


def test_agenda_feed_with_a_line_break_in_a_session_title_still_serves(grid_world, client):
    publish_layout(grid_world, GOOD_LAYOUT)
    Session.objects.filter(pk=grid_world.sessions["A"].pk).update(title="Open\r\npolicy")
    token = feed_create(user=grid_world.people["alice"]).token

    response = client.get(reverse("agenda:feed_ics", kwargs={"token": token}))

    assert response.status_code == 200
    summaries = {
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert f"Open policy ({grid_world.event.title})" in summaries


# --- Form values that gave a 500 -------------------------------------------------------------


def test_agenda_notice_dismiss_with_a_superscript_digit_dismisses_nothing(client, member, event):
    client.force_login(member)

    response = client.post(
        reverse("timetable:agenda_notice_dismiss", kwargs={"event_slug": event.slug}),
        {"notice": "²"},
    )

    assert response.status_code == 302


def test_check_in_with_a_superscript_digit_is_not_found(client, organiser, event, member):
    registration = register(event, member)
    client.force_login(organiser)

    response = client.post(
        reverse("events:check_in", kwargs={"slug": event.slug}), {"registration": "²"}
    )

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_pitch_queue_advance_with_a_word_for_a_session_is_not_found(client, organiser, event):
    client.force_login(organiser)

    response = client.post(
        reverse("programme:queue_advance", kwargs={"event_slug": event.slug}),
        {"session": "abc"},
    )

    assert response.status_code == 404


def test_pin_with_a_word_for_the_page_to_go_back_to_goes_to_the_organise_page(
    grid_world, client, organiser
):
    client.force_login(organiser)
    event = grid_world.event

    response = client.post(
        reverse(
            "timetable:pin", kwargs={"event_slug": event.slug, "pk": grid_world.sessions["A"].pk}
        ),
        {"pin": "clear", "next": "²"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("timetable:organise", kwargs={"event_slug": event.slug})


@pytest.mark.parametrize("moment", ["9999-12-31T23:59", "0001-01-01T00:00"])
def test_event_far_from_now_is_refused_and_nothing_changes(client, organiser, event, moment):
    client.force_login(organiser)
    before = Event.objects.values().get(pk=event.pk)

    response = client.post(
        reverse("events:edit", kwargs={"slug": event.slug}),
        {
            "title": "Moved",
            "format": event.format,
            "starts_at": moment,
            "ends_at": moment,
            "time_zone": "Europe/London",
            "capacity": "100",
            "default_privacy": event.default_privacy,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == [
        "Enter a date between the years 2000 and 2100"
    ]
    assert Event.objects.values().get(pk=event.pk) == before


def test_registration_notes_of_a_megabyte_are_refused_saying_the_limit(client, member, event):
    client.force_login(member)

    response = client.post(
        reverse("events:register", kwargs={"slug": event.slug}),
        {
            "discipline": member.profile.discipline_id,
            "organisation": "Office for Numbers",
            "access_needs": "x" * 1_000_000,
            "accepts_code_of_conduct": "on",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["access_needs"] == [
        "Ensure this value has at most 1000 characters (it has 1000000)."
    ]
    assert "At most 1,000 characters." in response.content.decode()
    assert not Registration.objects.filter(event=event, user=member).exists()


# --- Display names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["\u200b\u200b\u200b", "Olu Organiser\u200b", "\u202eresinagrO ulO"],
    ids=["zero-width only", "trailing zero-width space", "right-to-left override"],
)
def test_display_name_that_could_mislead_is_refused(client, member, name):
    client.force_login(member)
    profile = member.profile

    response = client.post(
        reverse("members:profile_edit"),
        {
            "display_name": name,
            "handle": profile.handle,
            "discipline": profile.discipline_id,
            "visibility": profile.visibility,
        },
    )

    assert response.status_code == 200
    assert "display_name" in response.context["form"].errors
    assert Profile.objects.get(pk=profile.pk).display_name == "Alice Policy"
