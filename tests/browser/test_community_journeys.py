"""The community's journeys in a browser: post anonymously, report and hide, block.

Every page on the way is checked with axe-core (WCAG 2.2 AA) and for CSP violations or
script errors.
"""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from oneteam.community.models import Block, Post, Report
from tests.browser.signed_in import signed_in_page
from tests.community.helpers import accept_conduct, make_space, make_thread, reply

pytestmark = pytest.mark.browser


def _checked(page: Page, axe_check, problems) -> None:
    axe_check(page)
    assert problems.messages == []


def test_post_anonymously(member, other_member, new_context, sign_in, problems, axe_check):
    space = make_space("reformers", allow_anonymous=True)
    alice = signed_in_page(new_context, sign_in, problems, member)
    alice.goto("/community/")
    _checked(alice, axe_check, problems)
    alice.get_by_role("link", name="Reformers").click()
    alice.get_by_role("link", name="Start a thread").click()
    # Nothing can be posted before the code of conduct is accepted.
    expect(alice.get_by_role("heading", level=1)).to_have_text("Code of conduct")
    _checked(alice, axe_check, problems)
    alice.get_by_role("button", name="Accept and continue").click()
    expect(alice.locator(".govuk-error-summary")).to_contain_text("Tick the box")
    alice.get_by_label("I have read the code of conduct and will follow it").check()
    alice.get_by_role("button", name="Accept and continue").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("Start a thread")
    _checked(alice, axe_check, problems)
    alice.get_by_label("Title").fill("Our minister's data claim is wrong")
    alice.get_by_label("Your post").fill("I cannot say this at work under my own name.")
    alice.get_by_label("Post anonymously").check()
    alice.get_by_role("button", name="Post", exact=True).click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("Our minister's data claim is wrong")
    expect(alice.locator("article")).to_contain_text("Anonymous 1")
    expect(alice.locator("article")).to_contain_text("Your anonymous post")
    _checked(alice, axe_check, problems)
    assert Post.objects.get().author is None

    accept_conduct(other_member)
    charlie = signed_in_page(new_context, sign_in, problems, other_member)
    charlie.goto(f"/community/spaces/{space.slug}/")
    charlie.get_by_role("link", name="Our minister's data claim is wrong").click()
    expect(charlie.locator("article")).to_contain_text("Anonymous 1")
    expect(charlie.locator("main")).not_to_contain_text("Alice")
    expect(charlie.locator("main")).not_to_contain_text("Your anonymous post")
    charlie.get_by_role("button", name="Got your back on the post by Anonymous 1").click()
    expect(
        charlie.get_by_role("button", name="Got your back 1 on the post by Anonymous 1")
    ).to_have_attribute("aria-pressed", "true")
    _checked(charlie, axe_check, problems)


def test_report_and_hide(
    member, other_member, moderator, new_context, sign_in, problems, axe_check
):
    space = make_space("general", allow_anonymous=False)
    thread = make_thread(space, member, title="Procurement", body="Charlie is useless, ignore him")
    accept_conduct(other_member)
    charlie = signed_in_page(new_context, sign_in, problems, other_member)
    charlie.goto(f"/community/threads/{thread.pk}/")
    charlie.get_by_role("link", name="Report this post by Alice Policy").click()
    expect(charlie.get_by_role("heading", level=1)).to_have_text("Report a post")
    _checked(charlie, axe_check, problems)
    charlie.get_by_role("button", name="Send report").click()
    expect(charlie.locator(".govuk-error-summary")).to_contain_text("Give a reason")
    charlie.get_by_label("Reason").fill("A personal attack on me")
    charlie.get_by_role("button", name="Send report").click()
    expect(charlie.locator(".govuk-notification-banner")).to_contain_text("moderators will look")

    mo = signed_in_page(new_context, sign_in, problems, moderator)
    mo.goto("/community/moderation/")
    expect(mo.locator("main")).to_contain_text("A personal attack on me")
    _checked(mo, axe_check, problems)
    mo.get_by_role("link", name="Review this post").click()
    _checked(mo, axe_check, problems)
    mo.get_by_label("Reason").fill("Personal attack: breaks the code of conduct")
    mo.get_by_role("button", name="Hide the post").click()
    expect(mo.locator(".govuk-notification-banner")).to_contain_text("The post is hidden")
    _checked(mo, axe_check, problems)
    mo.goto("/community/moderation/")
    expect(mo.locator("main")).to_contain_text("Nothing to review")

    charlie.goto(f"/community/threads/{thread.pk}/")
    expect(charlie.locator("article")).to_contain_text("A moderator hid this post.")
    expect(charlie.locator("main")).not_to_contain_text("useless")
    told = [message for message in mail.outbox if message.to == [member.email]]
    assert len(told) == 1
    assert "Personal attack: breaks the code of conduct" in told[0].body


def test_block(member, other_member, new_context, sign_in, problems, axe_check):
    space = make_space("general")
    thread = make_thread(space, member, title="Lonely work")
    reply(thread, other_member, "Charlie keeps replying")
    alice = signed_in_page(new_context, sign_in, problems, member)
    alice.goto(f"/community/threads/{thread.pk}/")
    expect(alice.locator("main")).to_contain_text("Charlie keeps replying")
    alice.get_by_role("link", name="Report or block Charlie Data").click()
    _checked(alice, axe_check, problems)
    alice.get_by_role("button", name="Block Charlie Data").click()
    expect(alice.locator(".govuk-notification-banner")).to_contain_text("You blocked Charlie Data")
    expect(alice.locator("main")).to_contain_text("Charlie Data")
    _checked(alice, axe_check, problems)
    assert Block.objects.filter(blocker=member, blocked=other_member).exists()
    alice.goto(f"/community/threads/{thread.pk}/")
    expect(alice.locator("main")).not_to_contain_text("Charlie keeps replying")

    charlie = signed_in_page(new_context, sign_in, problems, other_member)
    charlie.goto(f"/community/threads/{thread.pk}/")
    expect(charlie.locator("main")).to_contain_text("Charlie keeps replying")
    expect(charlie.locator("main")).not_to_contain_text("How do you get a data sharing")

    alice.goto("/community/blocked/")
    alice.get_by_role("button", name="Unblock Charlie Data").click()
    expect(alice.locator(".govuk-notification-banner")).to_contain_text("You unblocked")
    assert not Block.objects.exists()


def test_report_and_block_from_a_profile_without_javascript(
    member, other_member, new_context, sign_in, problems, axe_check
):
    alice = signed_in_page(new_context, sign_in, problems, member, java_script_enabled=False)
    alice.goto(f"/members/{member.profile.handle}/")
    expect(alice.locator("main")).not_to_contain_text("If something is wrong")
    alice.goto(f"/members/{other_member.profile.handle}/")
    _checked(alice, axe_check, problems)
    alice.get_by_role("button", name="Report Charlie Data").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("Report Charlie Data")
    alice.get_by_label("Reason").fill("Rude to me at the meetup")
    alice.get_by_role("button", name="Send report").click()
    expect(alice.locator(".govuk-notification-banner")).to_contain_text("moderators will look")
    assert Report.objects.filter(reporter=member, reported_user=other_member).exists()

    alice.goto(f"/members/{other_member.profile.handle}/")
    alice.get_by_role("button", name="Block Charlie Data").click()
    expect(alice.locator(".govuk-notification-banner")).to_contain_text("You blocked Charlie Data")
    _checked(alice, axe_check, problems)
    assert Block.objects.filter(blocker=member, blocked=other_member).exists()
