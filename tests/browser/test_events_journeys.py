"""The organiser and member journeys of issue 3, driven in headless Chromium.

Olu creates an event for his chapter, adds rooms and time slots (meeting the bad-input rules on
the way), and publishes it. Alice joins the waitlist, is promoted when Charlie gives up his
place, gets her ticket by email and cancels from the email's link. Every page on the way is
checked with axe-core (WCAG 2.2 AA) and for CSP violations or script errors.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from oneteam.events.models import Event, Registration, Room, Slot
from tests.events.conftest import register

pytestmark = pytest.mark.browser
Status = Registration.Status


def _signed_in(new_context, sign_in, problems, user, **options) -> Page:
    context = new_context(**options)
    sign_in(context, user)
    page = context.new_page()
    problems.watch(page)
    return page


def _checked(page: Page, axe_check, problems) -> None:
    axe_check(page)
    assert problems.messages == []


def _path_of_link_in(body: str, path_part: str) -> str:
    """The path of the one link in an email that contains path_part (the host is SITE_URL's,
    not the live server's)."""
    (url,) = re.findall(rf"https?://\S+{re.escape(path_part)}\S+", body)
    return urlsplit(url).path


def test_organiser_creates_event_adds_rooms_and_slots_and_publishes(
    chapter, organiser, new_context, sign_in, problems, axe_check
):
    olu = _signed_in(new_context, sign_in, problems, organiser)

    olu.goto(f"/chapters/{chapter.slug}/")
    _checked(olu, axe_check, problems)
    olu.get_by_role("link", name="Create an event").click()
    olu.get_by_label("Title").fill("One Team London 2030")
    olu.get_by_label("Starts at").fill("2030-06-01T09:30")
    olu.get_by_label("Ends at").fill("2030-06-01T08:00")
    olu.get_by_label("Capacity").fill("120")
    olu.get_by_role("button", name="Create draft event").click()
    summary = olu.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The event must end after it starts.")
    expect(olu.get_by_label("Title")).to_have_value("One Team London 2030")
    _checked(olu, axe_check, problems)
    assert Event.objects.count() == 0

    olu.get_by_label("Ends at").fill("2030-06-01T17:00")
    olu.get_by_role("button", name="Create draft event").click()
    expect(olu.get_by_role("heading", level=1)).to_have_text("One Team London 2030")
    expect(olu.get_by_role("main")).to_contain_text("This is a draft")
    _checked(olu, axe_check, problems)
    event = Event.objects.get()

    olu.get_by_role("link", name="Rooms", exact=True).click()
    olu.get_by_label("Name").fill("Cupboard")
    olu.get_by_label("Capacity (people)").fill("0")
    olu.get_by_role("button", name="Add room").click()
    expect(summary).to_contain_text("A room must hold at least 1 person.")
    _checked(olu, axe_check, problems)
    olu.get_by_label("Name").fill("Main hall")
    olu.get_by_label("Capacity (people)").fill("120")
    olu.get_by_role("button", name="Add room").click()
    expect(olu.get_by_role("main")).to_contain_text("Main hall")
    _checked(olu, axe_check, problems)
    assert list(Room.objects.values_list("name", "capacity")) == [("Main hall", 120)]

    olu.get_by_role("link", name="Time slots").click()
    olu.get_by_label("Starts at").fill("2030-06-01T10:00")
    olu.get_by_label("Ends at").fill("2030-06-01T11:00")
    olu.get_by_label("Label").fill("Session 1")
    olu.get_by_role("button", name="Add time slot").click()
    expect(olu.get_by_role("main")).to_contain_text("10:00\N{EN DASH}11:00 · Session 1")
    olu.get_by_label("Starts at").fill("2030-06-01T10:30")
    olu.get_by_label("Ends at").fill("2030-06-01T11:30")
    olu.get_by_role("button", name="Add time slot").click()
    expect(summary).to_contain_text("The slot overlaps the slot from")
    _checked(olu, axe_check, problems)
    assert Slot.objects.filter(event=event).count() == 1

    olu.goto(f"/events/{event.slug}/")
    olu.get_by_role("button", name="Publish event").click()
    expect(olu.locator(".govuk-notification-banner")).to_contain_text("is published")
    _checked(olu, axe_check, problems)
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_member_waits_is_promoted_gets_ticket_and_cancels_from_the_email(
    small_event, member, other_member, organiser, new_context, sign_in, problems, axe_check
):
    register(small_event, organiser)
    charlies = register(small_event, other_member)  # the last of two places
    mail.outbox.clear()
    alice = _signed_in(new_context, sign_in, problems, member)

    alice.goto(f"/events/{small_event.slug}/")
    _checked(alice, axe_check, problems)
    alice.get_by_role("link", name="Join the waitlist").click()
    expect(alice.get_by_label("Your organisation")).to_have_value("Department for Examples")
    alice.get_by_label("Dietary needs (optional)").fill("Vegetarian")
    alice.get_by_role("button", name="Register").click()
    expect(alice.locator(".govuk-error-summary")).to_contain_text(
        "Agree to the code of conduct to register."
    )
    _checked(alice, axe_check, problems)
    alice.get_by_label("I will follow the code of conduct").check()
    alice.get_by_role("button", name="Register").click()
    expect(alice.get_by_role("main")).to_contain_text("You are number 1 on the waitlist")
    _checked(alice, axe_check, problems)
    assert [m.subject for m in mail.outbox] == [
        "[One Team] You are on the waitlist for Lean Coffee"
    ]

    # Charlie gives up his place with one click on the event page; Alice is promoted.
    charlie = _signed_in(new_context, sign_in, problems, other_member)
    charlie.goto(f"/events/{small_event.slug}/")
    charlie.get_by_role("button", name="Cancel my place").click()
    expect(charlie.locator(".govuk-notification-banner")).to_contain_text("cancelled")
    charlies.refresh_from_db()
    assert charlies.status == Status.CANCELLED
    ticket = mail.outbox[-1]
    assert (ticket.to, ticket.subject) == (
        ["alice@example.org"],
        "[One Team] A place has come up for you at Lean Coffee",
    )
    assert ticket.attachments[0][0] == "ticket-qr-code.png"
    alice.reload()
    expect(alice.get_by_role("main")).to_contain_text("You have a place")

    # From the ticket email: the link shows one button; nothing changes until it is pressed.
    alice.goto(_path_of_link_in(ticket.body, "/events/cancel/"))
    expect(alice.get_by_role("heading", level=1)).to_have_text("Cancel your place?")
    _checked(alice, axe_check, problems)
    assert Registration.objects.get(event=small_event, user=member).status == Status.CONFIRMED
    alice.get_by_role("button", name="Yes, cancel my place").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("Your registration is cancelled")
    _checked(alice, axe_check, problems)
    assert Registration.objects.get(event=small_event, user=member).status == Status.CANCELLED


def test_member_registers_without_javascript(
    event, member, new_context, sign_in, problems, axe_check
):
    alice = _signed_in(new_context, sign_in, problems, member, java_script_enabled=False)

    alice.goto(f"/events/{event.slug}/register/")
    alice.get_by_label("I will follow the code of conduct").check()
    alice.get_by_role("button", name="Register").click()

    expect(alice.locator(".govuk-notification-banner")).to_contain_text("You have a place")
    _checked(alice, axe_check, problems)
    assert Registration.objects.get(event=event, user=member).status == Status.CONFIRMED
