"""Adjusting a grid by hand: without JavaScript through the "Move or swap" page, and with it by
dragging a card or picking it up with the keyboard. Each page is checked with axe-core (WCAG 2.2
AA) and for CSP violations or script errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from oneteam.timetable.selectors import version_placements
from tests.browser.signed_in import signed_in_page
from tests.timetable.conftest import fixture_draft, fixture_grid_world  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def _url(version) -> str:
    return f"/timetable/{version.event.slug}/organise/versions/{version.number}/adjust/"


def _cell(page: Page, w, room: str, slot: str):
    return page.locator(f'td[data-room="{w.rooms[room].pk}"][data-slot="{w.slots[slot].pk}"]')


def _place(w, version, key):
    return version_placements(version=version)[w.sessions[key].pk]


def _at(w, room, slot):
    return (w.rooms[room].pk, w.slots[slot].pk)


def test_move_and_swap_without_javascript(
    grid_world, draft, organiser, new_context, sign_in, problems, axe_check
):
    w = grid_world
    olu = signed_in_page(new_context, sign_in, problems, organiser, java_script_enabled=False)
    olu.goto(_url(draft))
    axe_check(olu)
    olu.get_by_role("link", name="Move or swap “Service design”").click()
    expect(olu.get_by_role("heading", level=1)).to_have_text("Move or swap “Service design”")
    axe_check(olu)

    # Into a taken cell: refused, naming both, with the swap offered.
    olu.get_by_label("Room").first.select_option(label="Hall")
    olu.get_by_label("Time").first.select_option(label="10:00")
    olu.get_by_role("button", name="Preview the move").click()
    expect(olu.locator(".govuk-error-summary")).to_contain_text(
        "“Service design” cannot go to Hall at 10:00: “Open policy” is there."
    )
    axe_check(olu)
    olu.get_by_role("button", name="Swap “Service design” with “Open policy” instead").click()
    # Charlie hosts both "Open policy" and "Data for all": that swap is refused too.
    expect(olu.locator(".govuk-error-summary")).to_contain_text(
        "Charlie Data also hosts “Data for all” then."
    )

    # A free cell: the preview says what the move does for people, and saving stores it.
    olu.get_by_label("Room").first.select_option(label="Studio")
    olu.get_by_label("Time").first.select_option(label="10:00")
    olu.get_by_role("button", name="Preview the move").click()
    effect = olu.locator("#adjust-effect")
    expect(effect).to_contain_text("Move “Service design” to Studio at 10:00")
    # Bea wants both "Open policy" and "Service design", now both at 10:00.
    expect(effect.locator("[data-effect-for-people]")).to_have_text(
        "1 more person loses a session they wanted"
    )
    expect(effect).not_to_contain_text("Total cost")
    axe_check(olu)
    olu.get_by_role("button", name="Save this change").click()
    expect(olu.locator(".govuk-notification-banner")).to_contain_text(
        "Saved: Move “Service design” to Studio at 10:00."
    )
    draft.refresh_from_db()
    assert _place(w, draft, "C") == _at(w, "studio", "ten")
    assert draft.cost["clashes"] == 2  # Alice (B and C at 11:00, as before) and now Bea
    expect(_cell(olu, w, "studio", "ten")).to_contain_text("Service design")
    assert problems.messages == []


def test_drag_a_card_to_move_it_and_onto_another_to_swap(
    grid_world, draft, organiser, new_context, sign_in, problems, axe_check
):
    w = grid_world
    olu = signed_in_page(new_context, sign_in, problems, organiser)
    olu.goto(_url(draft))
    olu.evaluate("window.notReloaded = true")

    # Drag "Delivery myths" to the free Hall at 13:00.
    olu.locator(f"#card-{w.sessions['E'].pk}").drag_to(_cell(olu, w, "hall", "one"))
    panel = olu.locator("#adjust-panel")
    expect(panel).to_contain_text("Move “Delivery myths” to Hall at 13:00")
    expect(panel).to_be_focused()
    axe_check(olu)
    panel.get_by_role("button", name="Save this change").click()
    expect(panel).to_be_hidden()
    expect(_cell(olu, w, "hall", "one")).to_contain_text("Delivery myths")
    expect(olu.locator("#adjust-status")).to_contain_text("Saved: Move “Delivery myths”")
    assert _place(w, draft, "E") == _at(w, "hall", "one")

    # Onto another card: a swap, cancelled.
    olu.locator(f"#card-{w.sessions['C'].pk}").drag_to(olu.locator(f"#card-{w.sessions['E'].pk}"))
    expect(panel).to_contain_text("Swap “Service design” with “Delivery myths”")
    panel.get_by_role("link", name="Cancel").click()
    expect(panel).to_be_hidden()
    assert _place(w, draft, "C") == _at(w, "studio", "eleven")

    # With the keyboard: pick up "Service design", one up (Studio at 10:00), drop, save.
    card = olu.locator(f"#card-{w.sessions['C'].pk}")
    card.focus()
    olu.keyboard.press("Space")
    expect(olu.locator("#adjust-status")).to_contain_text("Picked up “Service design”")
    olu.keyboard.press("ArrowUp")
    expect(olu.locator("#adjust-status")).to_contain_text("Studio at 10:00, free.")
    olu.keyboard.press("Space")
    expect(panel).to_contain_text("Move “Service design” to Studio at 10:00")
    expect(olu.locator("#adjust-status")).to_contain_text(
        "1 more person loses a session they wanted."
    )
    panel.get_by_role("button", name="Save this change").click()
    expect(_cell(olu, w, "studio", "ten")).to_contain_text("Service design")
    assert _place(w, draft, "C") == _at(w, "studio", "ten")
    assert olu.evaluate("window.notReloaded") is True
    axe_check(olu)
    assert problems.messages == []
