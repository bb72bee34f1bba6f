"""Headless Chromium for the browser tests: one browser per test worker, a fresh context per test.

Debian's Chromium is used (a Playwright browser download does not work on our machines), driven
through Playwright's sync API against pytest-django's live server, which runs in a thread of the
same process: emails sent while a page is served land in `django.core.mail.outbox`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from oneteam.accounts.models import User
from oneteam.demo.data import MODERATOR, ORGANISER
from oneteam.demo.loader import load_demo
from tests.browser.axe import axe_violations, format_violations
from tests.conftest import make_chapter_moderator
from tests.test_access import World

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
# Playwright's default of 30 s would hide a hung page behind a long wait; pages here take < 1 s.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="package")
def browser(django_db_setup: None, django_db_blocker: Any) -> Iterator[Browser]:
    """Chromium, for as long as this folder's tests run: once per xdist worker, as they run
    together, and closed before any other test runs."""
    # While it runs, Playwright's sync API marks its event loop as running in the main thread
    # (on purpose, between calls too). Two things follow for Django, in this thread only:
    # - it refuses ORM calls, to protect coroutines. Our test code is plain synchronous code,
    #   never inside a coroutine, so the guard is a false alarm here and is lifted for as long
    #   as the browser is open (the test database's set-up and flush run then too);
    # - it keeps database connections per "async context", so the code now sees connection
    #   objects other than those the test database was set up with. They are handed the
    #   migrated rows that serialized rollback restores (see _rows_from_data_migrations).
    migrated_rows = _serialized_contents()
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, contents in migrated_rows.items():
            connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        connections.close_all()
    # The last test's flush left the database empty; the tests that run after ours on this
    # worker expect the migrated rows, as a freshly made test database has them.
    with django_db_blocker.unblock():
        for alias, contents in migrated_rows.items():
            connections[alias].creation.deserialize_db_from_string(contents)


def _serialized_contents() -> dict[str, str]:
    return {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if getattr(connection, "_test_serialized_contents", None)
    }


@pytest.fixture(autouse=True)
def _rows_from_data_migrations(django_db_serialized_rollback: None) -> None:
    """Each test starts with the rows data migrations made (the disciplines, for one).

    Browser tests share the database with the live server's thread, so they commit, and the
    database is emptied after each; serialized rollback puts the migrated rows back first.
    """


@pytest.fixture(autouse=True)
def _short_live_streams(settings: Any) -> None:
    """Live pages' streams last a second here, so they arrive like long polls.

    pytest-django's live server is WSGI: Django hands a streaming response over only when it
    ends, and the process waits for a stream still open at exit (up to 10 minutes by default).
    live.js reconnects after each with its last event id, so no event is lost.
    """
    settings.LIVE_STREAM_MAX_SECONDS = 1.0
    settings.LIVE_RETRY_MS = 100


@dataclass
class BrowserProblems:
    """What the browser complained about while pages were shown: CSP violations, errors."""

    messages: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.messages.append(f"uncaught error: {error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        # Chromium reports CSP violations, failed loads and script errors on the console.
        if message.type == "error":
            location = message.location.get("url", "")
            self.messages.append(f"console error: {message.text} ({location})")


@pytest.fixture
def new_context(browser: Browser, live_server: Any) -> Iterator[Callable[..., BrowserContext]]:
    """Makes browser contexts (fresh cookies and storage) on the live server; closes them after."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def problems() -> BrowserProblems:
    return BrowserProblems()


@pytest.fixture
def context(new_context: Callable[..., BrowserContext]) -> BrowserContext:
    return new_context()


@pytest.fixture
def page(context: BrowserContext, problems: BrowserProblems) -> Page:
    page = context.new_page()
    problems.watch(page)
    return page


@pytest.fixture
def sign_in(live_server: Any) -> Callable[[BrowserContext, Any], None]:
    """Signs a user in to a browser context in one step, skipping the emailed code.

    The session is made by the test client's force_login and its cookie handed to the browser;
    the sign-in journey itself is tested end to end in test_sign_in_journey.py.
    """

    def sign_in_context(context: BrowserContext, user: Any) -> None:
        client = Client()
        client.force_login(user)
        session_cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session_cookie.value,
                    "url": live_server.url,
                }
            ]
        )

    return sign_in_context


@pytest.fixture
def axe_check() -> Callable[[Page], None]:
    """Fails the test listing each WCAG 2.2 AA violation axe-core finds on the page."""

    def check(page: Page) -> None:
        violations = axe_violations(page)
        assert violations == [], format_violations(page.url, violations)

    return check


@pytest.fixture
def world(member, other_member) -> World:
    """The access matrix's world, built from the demo community so pages show realistic content.

    The chapter, the event and the organiser and moderator are the demo's. The member personas
    are the suite's own (Alice and Charlie, and Cara who moderates the demo chapter): the matrix's
    rows register the member for the event themselves where a route needs it, and every demo
    member is registered already.
    """
    demo = load_demo()
    return World(
        member=member,
        other_member=other_member,
        organiser=User.objects.get(email=ORGANISER.email),
        moderator=User.objects.get(email=MODERATOR.email),
        chapter=demo.chapter,
        event=demo.event,
        chapter_moderator=make_chapter_moderator(demo.chapter),
    )
