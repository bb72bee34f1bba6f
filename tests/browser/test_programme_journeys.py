"""The on-the-day marketplace in a phone-sized browser (375 px): pitching, interest, merging.

Every page on the way is checked with axe-core (WCAG 2.2 AA), for sideways scrolling and for
CSP violations or script errors.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from oneteam.events.models import Registration
from oneteam.programme.models import Interest, Session
from tests.browser.conftest import PHONE
from tests.browser.layout import horizontal_overflow

pytestmark = pytest.mark.browser
INTERESTED = re.compile("I\N{RIGHT SINGLE QUOTATION MARK}m interested")


def _confirm(event, *users) -> None:
    for user in users:
        Registration.objects.create(event=event, user=user, status=Registration.Status.CONFIRMED)


def _checked(page: Page, axe_check, problems) -> None:
    axe_check(page)
    assert horizontal_overflow(page) == [], f"{page.url} scrolls sideways at 375 px"
    assert problems.messages == []


def _phone(new_context, sign_in, problems, user, **options) -> Page:
    context = new_context(viewport=PHONE, **options)
    sign_in(context, user)
    page = context.new_page()
    problems.watch(page)
    return page


def test_pitch_interest_and_merge_on_a_phone(
    event, member, other_member, organiser, new_context, sign_in, problems, axe_check
):
    _confirm(event, member, other_member)
    duplicate = Session.objects.create(event=event, title="Open policy-making, again")
    duplicate.hosts.add(other_member)
    Interest.objects.create(session=duplicate, user=other_member)
    sessions_url = f"/programme/{event.slug}/"

    # Alice pitches from her phone; her first try has no title.
    alice = _phone(new_context, sign_in, problems, member)
    alice.goto(sessions_url)
    alice.get_by_role("link", name="Pitch a session").click()
    expect(alice.get_by_role("button", name="Pitch this session")).to_be_visible()
    _checked(alice, axe_check, problems)
    alice.get_by_label("Description").fill("Bring **examples** of policy made in the open.")
    alice.get_by_role("button", name="Pitch this session").click()
    expect(alice.locator(".govuk-error-summary")).to_contain_text("Enter a title for the session")
    expect(alice.get_by_label("Description")).to_have_value(
        "Bring **examples** of policy made in the open."
    )
    _checked(alice, axe_check, problems)
    alice.get_by_label("Title").fill("Open policy making")
    alice.get_by_role("button", name="Pitch this session").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("Open policy making")
    expect(alice.locator("strong", has_text="examples")).to_be_visible()
    _checked(alice, axe_check, problems)
    pitched = Session.objects.get(title="Open policy making")
    assert list(pitched.hosts.all()) == [member]

    # Charlie marks interest: with JavaScript the card updates in place.
    charlie = _phone(new_context, sign_in, problems, other_member)
    charlie.goto(sessions_url)
    card = charlie.locator(f"#session-{pitched.pk}")
    card.get_by_role("button", name=INTERESTED).click()
    expect(card.get_by_role("button", name=re.compile("Remove my interest"))).to_be_visible()
    expect(card).to_contain_text("1 person interested")
    expect(charlie.locator("#dots")).to_contain_text("You are interested in “Open policy making”")
    assert charlie.url.endswith(sessions_url)  # no page load: htmx swapped the card
    _checked(charlie, axe_check, problems)
    assert Interest.objects.filter(session=pitched, user=other_member).count() == 1

    # Olu, the organiser, merges Charlie's duplicate into Alice's pitch.
    olu = _phone(new_context, sign_in, problems, organiser)
    olu.goto(f"{sessions_url}organise/merge/")
    _checked(olu, axe_check, problems)
    olu.get_by_label("Duplicate pitch").select_option(str(duplicate.pk))
    olu.get_by_label("Session to keep").select_option(str(pitched.pk))
    olu.get_by_role("button", name="Merge").click()
    expect(olu.locator(".govuk-notification-banner")).to_contain_text("is merged into")
    expect(olu.get_by_role("heading", level=1)).to_have_text("Open policy making")
    _checked(olu, axe_check, problems)
    assert set(pitched.hosts.all()) == {member, other_member}
    assert list(pitched.interests.values_list("user", flat=True)) == [other_member.pk]

    # The duplicate's old link now leads to the session that was kept.
    charlie.goto(f"{sessions_url}sessions/{duplicate.pk}/")
    assert charlie.url.endswith(f"{sessions_url}sessions/{pitched.pk}/")


def test_interest_without_javascript_posts_the_form(
    event, member, other_member, new_context, sign_in, problems
):
    _confirm(event, member, other_member)
    pitched = Session.objects.create(event=event, title="Data in policy")
    pitched.hosts.add(member)
    charlie = _phone(new_context, sign_in, problems, other_member, java_script_enabled=False)

    charlie.goto(f"/programme/{event.slug}/")
    charlie.get_by_role("button", name=INTERESTED).click()

    expect(charlie.locator(".govuk-notification-banner")).to_contain_text(
        "You are interested in “Data in policy”"
    )
    expect(charlie.locator(f"#session-{pitched.pk}")).to_contain_text("1 person interested")
    assert Interest.objects.filter(session=pitched, user=other_member).count() == 1
    charlie.get_by_role("link", name="Your choices").click()
    expect(charlie.get_by_role("table")).to_contain_text("Data in policy")
    # axe and the layout check run scripts in the page, which this context forbids; the same
    # pages are checked with JavaScript on in the other journeys.
    assert problems.messages == []


def test_organiser_runs_queue_projector_and_lean_coffee_on_a_phone(
    event, member, organiser, new_context, sign_in, problems, axe_check
):
    _confirm(event, member)
    for title in ("First pitch", "Second pitch", "Third pitch"):
        Session.objects.create(event=event, title=title, format="lean_coffee").hosts.add(member)
    olu = _phone(new_context, sign_in, problems, organiser)

    olu.goto(f"/programme/{event.slug}/organise/queue/")
    _checked(olu, axe_check, problems)
    olu.get_by_role("button", name="Start with the first pitch").click()
    olu.get_by_role("button", name="Next pitch").click()
    olu.goto(f"/programme/{event.slug}/projector/")
    expect(olu.locator(".govuk-panel__title")).to_have_text("Second pitch")
    expect(olu.get_by_role("main")).to_contain_text("Third pitch")
    _checked(olu, axe_check, problems)

    olu.goto(f"/programme/{event.slug}/organise/lean-coffee/")
    olu.get_by_role("button", name=re.compile("Start the next topic")).click()
    expect(olu.get_by_role("main")).to_contain_text("About 8 minutes left")
    _checked(olu, axe_check, problems)
    olu.get_by_role("button", name=re.compile("The room voted to continue")).click()
    expect(olu.get_by_role("main")).to_contain_text("About 12 minutes left")
    olu.get_by_label("Takeaway").fill("Start small, publish early")
    olu.get_by_role("button", name="Save the takeaway and close this topic").click()
    expect(olu.locator(".govuk-summary-list")).to_contain_text("Start small, publish early")
    _checked(olu, axe_check, problems)


def test_interest_counts_refresh_without_reloading(
    event, member, other_member, new_context, sign_in, problems
):
    _confirm(event, member, other_member)
    pitched = Session.objects.create(event=event, title="Data in policy")
    pitched.hosts.add(member)
    charlie = _phone(new_context, sign_in, problems, other_member)
    charlie.goto(f"/programme/{event.slug}/")
    expect(charlie.locator(f"#count-{pitched.pk}")).to_have_text("0 people interested")

    Interest.objects.create(session=pitched, user=member)  # Alice, on her own phone

    expect(charlie.locator(f"#count-{pitched.pk}")).to_have_text(
        "1 person interested", timeout=25_000
    )
    assert problems.messages == []
