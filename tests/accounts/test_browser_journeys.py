"""Sign-in journeys in headless Chromium: they work without JavaScript, and every page on the
way, error states included, passes axe-core (WCAG 2.2 AA) with no CSP violation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connections
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.accounts.helpers import last_code_sent_to
from tests.browser.conftest import (  # noqa: F401 - fixtures shared with the browser suite
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    _rows_from_data_migrations,
    _serialized_contents,
    axe_check,
    new_context,
    problems,
    sign_in,
)
from tests.browser.layout import horizontal_overflow

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(django_db_setup: None) -> Iterator[Browser]:
    """The browser suite's Chromium (see tests/browser/conftest.py), closed with this module.

    Its own is package-scoped, and pytest-django moves live-server tests to the end of the run,
    so a package-scoped copy here would still be open when the browser suite starts its own;
    Playwright's sync API allows one at a time.
    """
    migrated_rows = _serialized_contents()
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, contents in migrated_rows.items():
            connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        connections.close_all()
    # Unlike the browser suite's fixture, the migrated rows are not put back here: the tests
    # after this module are live-server tests too (pytest-django runs them last), and those
    # that need the rows load them through serialized rollback into an empty database.


def _checked(page: Page, axe_check, problems) -> None:  # noqa: F811
    axe_check(page)
    assert horizontal_overflow(page) == [], f"{page.url} scrolls sideways at 375 px"
    assert problems.messages == []


def _request_code(page: Page, address: str) -> None:
    page.goto(reverse("account_login"))
    page.get_by_label("Email address").fill(address)
    page.get_by_role("button", name="Continue").click()


def test_new_person_joins_by_code_without_javascript(new_context, live_server):  # noqa: F811
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()

    _request_code(page, "newcomer@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    pasted = " ".join(last_code_sent_to("newcomer@example.org").lower())
    page.get_by_label("Code").fill(pasted)
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(live_server.url + reverse("members:profile_edit"))


def test_sign_in_pages_pass_axe_in_every_state(new_context, problems, axe_check, member):  # noqa: F811
    page = new_context(viewport=PHONE).new_page()
    problems.watch(page)

    page.goto(reverse("account_login"))
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    _checked(page, axe_check, problems)

    _request_code(page, member.email)
    _checked(page, axe_check, problems)

    page.get_by_label("Code").fill("BBBB-BBBB")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Incorrect code.")
    _checked(page, axe_check, problems)

    # A pending sign-in sends the sign-in page on to the code page, so each try starts afresh.
    for _ in range(3):
        page = new_context(viewport=PHONE).new_page()
        problems.watch(page)
        _request_code(page, member.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts")
    # Chromium logs the 429 itself as a console error; that status is the point here.
    problems.messages[:] = [m for m in problems.messages if "status of 429" not in m]
    _checked(page, axe_check, problems)


def test_confirming_it_is_you_passes_axe(new_context, sign_in, problems, axe_check, member):  # noqa: F811
    context = new_context(viewport=PHONE)
    sign_in(context, member)
    page = context.new_page()
    problems.watch(page)

    page.goto(reverse("accounts:reauthenticate_by_code"))
    page.get_by_role("button", name="Email me a code").click()
    page.get_by_label("Code").fill("BBBB-BBBB")
    page.get_by_role("button", name="Continue").click()

    expect(page.locator(".govuk-error-summary")).to_contain_text("Incorrect code.")
    _checked(page, axe_check, problems)
