"""A new person joins end to end in the browser, with and without JavaScript: their email address,
the code from the email, their profile, the code of conduct they accept, and then they are in the
members' directory."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from oneteam.community.models import ConductAcceptance
from oneteam.members.models import Profile
from tests.accounts.helpers import last_code_sent_to

pytestmark = pytest.mark.browser

NEWCOMER = "nadia.newcomer@example.org"


def _enter_email(page: Page, address: str) -> None:
    page.goto(reverse("account_login"))
    page.get_by_label("Email address").fill(address)
    page.get_by_role("button", name="Continue").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with_js", "without_js"])
def test_new_person_signs_in_by_code_makes_profile_and_is_listed(
    javascript, live_server, new_context, problems, axe_check
):
    page = new_context(java_script_enabled=javascript).new_page()
    problems.watch(page)

    _enter_email(page, NEWCOMER)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    page.get_by_label("Code").fill(last_code_sent_to(NEWCOMER))
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(live_server.url + reverse("members:profile_edit"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your profile")
    axe_check(page)
    page.get_by_label("Display name").fill("Nadia Newcomer")
    page.get_by_label("Digital").check()
    page.get_by_label("Signed-in members only").check()
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Code of conduct")
    axe_check(page)
    page.get_by_label("I have read the code of conduct and will follow it").check()
    page.get_by_role("button", name="Accept and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nadia Newcomer")
    assert ConductAcceptance.objects.filter(user__email=NEWCOMER).count() == 1
    page.locator(".govuk-service-navigation").get_by_role("link", name="Members").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Members")
    expect(page.get_by_role("link", name="Nadia Newcomer")).to_be_visible()
    axe_check(page)
    assert Profile.objects.get(user__email=NEWCOMER).display_name == "Nadia Newcomer"
    assert problems.messages == []


@pytest.mark.parametrize("javascript", [True, False], ids=["with_js", "without_js"])
def test_sign_in_empty_shows_error_summary_linking_to_field(
    javascript, new_context, problems, axe_check
):
    page = new_context(java_script_enabled=javascript).new_page()
    problems.watch(page)
    page.goto(reverse("account_login"))

    page.get_by_role("button", name="Continue").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text("There is a problem")
    error_link = summary.get_by_role("link")
    expect(error_link).to_have_text(re.compile("email address", re.IGNORECASE))
    field = page.get_by_label("Email address")
    assert error_link.get_attribute("href") == "#" + field.get_attribute("id")
    axe_check(page)
    error_link.click()
    if javascript:
        # GOV.UK Frontend's error summary moves focus to the field, not only the view.
        expect(field).to_be_focused()
    else:
        expect(page).to_have_url(re.compile("#" + field.get_attribute("id") + "$"))
    assert problems.messages == []
