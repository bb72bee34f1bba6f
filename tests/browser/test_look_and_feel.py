"""The layout every page shares: our own header and mark (no crown), system fonts, the skip link,
the phase banner, the footer's links, the navigation on a phone, print, and htmx under our CSP."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, Response, expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def _home(page: Page) -> list[Response]:
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(reverse("home"))
    return responses


def test_header_names_the_service_without_a_crown(page, problems):
    responses = _home(page)

    header = page.locator("header.govuk-template__header")
    expect(header.get_by_role("link", name="One Team")).to_have_attribute("href", reverse("home"))
    crown = page.locator(".govuk-header__logotype, .govuk-logo-dot, [class*='crown']")
    expect(crown).to_have_count(0)
    assert [r.url for r in responses if "/vendor/govuk/assets/" in r.url] == []
    assert problems.messages == []


def test_pages_use_system_fonts_and_load_no_font_files(page):
    responses = _home(page)

    font_family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font_family.startswith("system-ui")
    assert [r.url for r in responses if r.request.resource_type == "font"] == []
    assert page.evaluate("document.fonts.size") == 0


def test_favicon_is_our_own_svg(page):
    _home(page)
    href = page.locator("link[rel=icon]").get_attribute("href")

    response = page.request.get(href)

    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert "<title>One Team</title>" in response.text()


def test_skip_link_is_first_and_moves_focus_to_main(page):
    _home(page)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")

    expect(page.locator("main#main-content")).to_be_focused()


def test_phase_banner_and_footer_links_lead_to_their_pages(page, problems):
    _home(page)
    expect(page.locator(".govuk-phase-banner .govuk-tag")).to_have_text("Beta")
    footer = page.locator("footer")

    for name, heading in [
        ("Code of conduct", "Code of conduct"),
        ("Privacy", "Privacy"),
        ("Accessibility statement", "Accessibility statement"),
    ]:
        footer.get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)

    assert problems.messages == []


def test_navigation_folds_into_a_menu_button_on_a_phone(new_context, sign_in, member, problems):
    context = new_context(viewport=PHONE)
    sign_in(context, member)
    page = context.new_page()
    problems.watch(page)
    page.goto(reverse("home"))
    menu = page.get_by_role("button", name="Menu")
    members_link = page.locator(".govuk-service-navigation").get_by_role("link", name="Members")
    expect(members_link).to_be_hidden()

    menu.click()

    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(members_link).to_be_visible()
    assert axe_violations(page) == []
    assert problems.messages == []


def test_navigation_is_listed_in_full_without_javascript(new_context, sign_in, member):
    context = new_context(viewport=PHONE, java_script_enabled=False)
    sign_in(context, member)
    page = context.new_page()

    page.goto(reverse("home"))

    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    navigation = page.locator(".govuk-service-navigation")
    expect(navigation.get_by_role("link", name="Members")).to_be_visible()
    expect(navigation.get_by_role("link", name="Sign out")).to_be_visible()


def test_print_shows_the_content_without_navigation(page):
    _home(page)

    page.emulate_media(media="print")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.locator(".govuk-phase-banner")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()


def test_htmx_runs_under_csp_with_our_config(page, problems):
    _home(page)

    config = page.evaluate(
        "({loaded: typeof htmx === 'object', indicatorStyles: htmx.config.includeIndicatorStyles,"
        " allowEval: htmx.config.allowEval, allowScriptTags: htmx.config.allowScriptTags})"
    )

    assert config == {
        "loaded": True,
        "indicatorStyles": False,
        "allowEval": False,
        "allowScriptTags": False,
    }
    # With the indicator styles off htmx adds no <style> element, which our CSP would refuse.
    assert page.locator("style").count() == 0
    assert problems.messages == []


def test_govuk_frontend_components_start(page, problems):
    _home(page)

    expect(page.locator("body")).to_have_class(
        "govuk-template__body js-enabled govuk-frontend-supported"
    )
    expect(page.locator("[data-module=govuk-skip-link]")).to_have_attribute(
        "data-govuk-skip-link-init", ""
    )
    assert problems.messages == []


def test_csp_violation_and_accessibility_failure_are_caught(page, problems):
    """The sweep's detectors work: an inline style breaks our CSP, an image lacks its text."""
    _home(page)

    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<p style="color: red">Inline</p><img src="/static/oneteam/favicon.svg">\')'
    )
    # Polled from here: wait_for_function's predicate is compiled in the page, which our CSP
    # (no 'unsafe-eval') refuses whenever the image is not loaded at the first look.
    for _ in range(200):
        if page.evaluate("document.querySelector('main img').complete"):
            break
        page.wait_for_timeout(25)

    assert any("Content Security Policy" in message for message in problems.messages)
    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}


def test_axe_checks_a_page_shown_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(reverse("home"))
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<img src=\"/static/oneteam/favicon.svg\">')"
    )

    found = {violation["id"] for violation in axe_violations(page)}

    assert found == {"image-alt"}
