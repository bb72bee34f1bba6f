"""Marking interest from the keyboard keeps the keyboard's place: after the card is swapped, focus
is on the new button (not the page body), so pressing Enter again takes the mark back off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from oneteam.events.models import Registration
from oneteam.programme.models import Interest, Session
from tests.browser.signed_in import signed_in_page

pytestmark = pytest.mark.browser

FOCUSED_ID = "() => document.activeElement && document.activeElement.id"


def test_interest_toggled_with_the_keyboard_keeps_focus_on_the_button(
    event, member, other_member, new_context, sign_in, problems
):
    for user in (member, other_member):
        Registration.objects.create(event=event, user=user, status=Registration.Status.CONFIRMED)
    pitched = Session.objects.create(event=event, title="Data in policy")
    pitched.hosts.add(member)
    page = signed_in_page(new_context, sign_in, problems, other_member)
    page.goto(f"/programme/{event.slug}/")
    button_id = f"interest-button-{pitched.pk}"
    button = page.locator(f"#{button_id}")

    button.focus()
    page.keyboard.press("Enter")

    expect(button).to_have_text(re.compile("Remove my interest"))
    expect(button).to_be_focused()
    assert page.evaluate(FOCUSED_ID) == button_id

    page.keyboard.press("Enter")  # the same key again, with no need to find the button

    expect(button).to_have_text(re.compile("I\N{RIGHT SINGLE QUOTATION MARK}m interested"))
    expect(button).to_be_focused()
    assert Interest.objects.filter(session=pitched, user=other_member).count() == 0
    assert problems.messages == []
