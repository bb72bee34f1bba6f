"""Every page, as every persona who may see it, rendered with the demo community: zero WCAG 2.2
AA violations, no CSP violation or script error, and nothing wider than a 375 px phone."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client

from tests.browser.axe import axe_violations, format_violations
from tests.browser.conftest import PHONE, BrowserProblems
from tests.browser.layout import horizontal_overflow
from tests.browser.pages import page_routes, personas_who_see
from tests.test_access import ROUTES, _url

pytestmark = pytest.mark.browser

PAGE_ROUTES = page_routes()


def _content_type(url: str, user) -> str:
    """Asked of the app in-process first: feeds, calendars and event streams are not pages, and
    a stream would keep the browser waiting for a load that never comes."""

    def ask() -> str:
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        response.close()
        connections.close_all()
        return response["Content-Type"]

    # In a thread of its own: the test client serves async views (the live stream) through
    # async_to_sync, which refuses to run where Playwright marks its event loop as running.
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(ask).result()


@pytest.mark.parametrize("route_key", PAGE_ROUTES)
def test_page_is_accessible_to_each_persona(route_key, world, new_context, sign_in):
    personas = personas_who_see(route_key)
    users = {persona: getattr(world, persona, None) for persona in personas}
    url = _url(ROUTES[route_key], world)
    content_type = _content_type(url, users[personas[0]])
    if not content_type.startswith("text/html"):
        pytest.skip(f"answers {content_type}: not a page")
    failures = []

    for persona in personas:
        context = new_context()
        if users[persona] is not None:
            sign_in(context, users[persona])
        page = context.new_page()
        problems = BrowserProblems()
        problems.watch(page)
        response = page.goto(url)
        found = []
        if response is None or response.status != 200:
            found.append(f"answered {response and response.status}, not 200")
        violations = axe_violations(page)
        if violations:
            found.append(format_violations(page.url, violations))
        page.set_viewport_size(PHONE)
        found += [f"scrolls sideways at 375 px: {culprit}" for culprit in horizontal_overflow(page)]
        found += problems.messages
        failures += [f"as {persona}: {problem}" for problem in found]
        context.close()

    assert not failures, f"{route_key} ({url}):\n" + "\n".join(failures)


def test_sweep_includes_pages_for_every_persona():
    swept = {(key, persona) for key in PAGE_ROUTES for persona in personas_who_see(key)}
    assert {("home", "anonymous"), ("home", "member"), ("home", "organiser")} <= swept
    assert ("home", "moderator") in swept


def _server_error_page() -> str:
    """The 500 page exactly as the handler renders it (no request, no database)."""
    from django.test import RequestFactory

    from oneteam.core import errors

    return errors.server_error(RequestFactory().get("/")).content.decode()


def test_error_pages_are_accessible(world, new_context, sign_in, axe_check):
    """The 404 page (signed out and in), a refused form (CSRF) and the 500 page."""
    failures = []
    for persona in ("anonymous", "member"):
        context = new_context()
        if persona == "member":
            sign_in(context, world.member)
        page = context.new_page()
        problems = BrowserProblems()
        problems.watch(page)
        response = page.goto("/no-such-page/")
        assert response is not None and response.status == 404
        failures += [f"404 as {persona}: {v}" for v in axe_violations(page)]
        # A form posted without its CSRF token, as a page left open too long would send it.
        with page.expect_navigation() as navigation:
            page.evaluate(
                """() => { const form = document.createElement("form");
                form.method = "post"; form.action = "/accounts/logout/";
                document.body.append(form); form.submit(); }"""
            )
        assert navigation.value is not None and navigation.value.status == 403
        assert "Your form was not sent" in page.content()
        failures += [f"CSRF page as {persona}: {v}" for v in axe_violations(page)]
        page.set_viewport_size(PHONE)
        failures += [f"scrolls at 375 px: {c}" for c in horizontal_overflow(page)]
        # Failed loads (the 404 and 403 answers themselves) are expected here; nothing else.
        failures += [m for m in problems.messages if "status of 40" not in m]

    html = _server_error_page()
    page = new_context().new_page()
    page.route("**/server-error/", lambda route: route.fulfill(status=500, body=html))
    page.goto("/server-error/")
    assert "Sorry, there is a problem with the service" in page.content()
    axe_check(page)
    assert not failures, "\n".join(str(f) for f in failures)
