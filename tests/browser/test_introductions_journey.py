"""A round of introductions in a browser: a member opts in, an organiser opens a round, the
worker runs it while the round page follows without a reload, and the member finds their
introduction. Each page is checked with axe-core (WCAG 2.2 AA) and for script errors."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from oneteam.introductions.models import OptIn, Round
from oneteam.introductions.services.rounds import round_run
from tests.browser.signed_in import signed_in_page
from tests.introductions.conftest import IMMEDIATE_TASKS, join

pytestmark = pytest.mark.browser


def test_a_member_opts_in_and_meets_someone(
    member, other_member, organiser, chapter, new_context, sign_in, problems, axe_check
):
    join(member, chapter)
    join(other_member, chapter)
    OptIn.objects.create(user=other_member, chapter=chapter)

    alice = signed_in_page(new_context, sign_in, problems, member)
    alice.goto("/introductions/")
    axe_check(alice)
    alice.get_by_role("link", name="Opt in to introductions").click()
    alice.get_by_label("London").check()
    alice.get_by_label("Online").check()
    alice.get_by_label("At most once a month").check()
    axe_check(alice)
    alice.get_by_role("button", name="Opt in").click()
    expect(alice.get_by_text("You are taking part in introductions for London.")).to_be_visible()

    olu = signed_in_page(new_context, sign_in, problems, organiser)
    olu.goto("/introductions/rounds/")
    axe_check(olu)
    olu.get_by_role("button", name="Open a round London").click()
    expect(olu.get_by_text("Waiting to start")).to_be_visible()
    axe_check(olu)
    olu.evaluate("window.notReloaded = true")

    round_run(round_id=Round.objects.get().pk)  # what the worker does

    expect(olu.get_by_role("heading", name="Everyone has been told")).to_be_visible()
    assert olu.evaluate("window.notReloaded") is True
    axe_check(olu)
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "charlie@example.org"]

    alice.goto("/introductions/")
    expect(alice.get_by_role("heading", name="Charlie Data")).to_be_visible()
    expect(alice.get_by_text("Three things you could talk about")).to_be_visible()
    alice.get_by_label("Yes, we met").check()
    alice.get_by_role("button", name="Save answer").click()
    expect(alice.get_by_text("Thank you: your answer is saved.")).to_be_visible()
    axe_check(alice)
    assert problems.messages == []


def test_an_organiser_runs_a_round_without_javascript(
    member, other_member, organiser, chapter, new_context, sign_in, problems, settings
):
    settings.TASKS = IMMEDIATE_TASKS
    for user in (member, other_member):
        join(user, chapter)
        OptIn.objects.create(user=user, chapter=chapter)

    olu = signed_in_page(new_context, sign_in, problems, organiser, java_script_enabled=False)
    olu.goto("/introductions/rounds/")
    olu.get_by_role("button", name="Open a round London").click()

    expect(olu.get_by_role("heading", name="Everyone has been told")).to_be_visible()
    olu.get_by_role("link", name="Rounds of introductions").first.click()
    expect(olu.get_by_role("cell", name="Finished")).to_be_visible()
    assert problems.messages == []
