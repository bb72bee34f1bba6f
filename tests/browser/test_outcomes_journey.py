"""From notes to a done action: a host writes a session's notes while a reader watches them
arrive, a second editor merges a clash, the host commits to an action, and the reminder's
"done" link closes it. Every page on the way is checked with axe-core (WCAG 2.2 AA), for
sideways scrolling at 375 px and for CSP violations or script errors.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from oneteam.events.models import Event, Registration
from oneteam.outcomes import services
from oneteam.outcomes.models import Action, Feedback
from oneteam.programme.models import Session
from tests.browser.conftest import PHONE
from tests.browser.layout import horizontal_overflow

pytestmark = pytest.mark.browser


def _checked(page: Page, axe_check, problems) -> None:
    axe_check(page)
    page.set_viewport_size(PHONE)
    assert horizontal_overflow(page) == [], f"{page.url} scrolls sideways at 375 px"
    page.set_viewport_size({"width": 1280, "height": 900})
    assert problems.messages == []


@pytest.fixture
def yesterday(chapter) -> Event:
    starts = timezone.now() - timedelta(days=1)
    return Event.objects.create(
        chapter=chapter,
        slug="london-yesterday",
        title="One Team London",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        status=Event.Status.PUBLISHED,
    )


def test_from_notes_to_a_done_action(
    yesterday, member, other_member, organiser, new_context, sign_in, problems, axe_check
):
    for user in (member, other_member):
        Registration.objects.create(
            event=yesterday, user=user, status=Registration.Status.CONFIRMED
        )
    session = Session.objects.create(event=yesterday, title="Joining up data")
    session.hosts.add(member)
    notes_url = f"/outcomes/{yesterday.slug}/sessions/{session.pk}/"

    # A reader with no account opens the notes before there are any.
    reader = new_context().new_page()
    problems.watch(reader)
    reader.goto(notes_url)
    expect(reader.locator("#notes")).to_contain_text("No notes yet.")
    _checked(reader, axe_check, problems)

    # Alice, the host, writes them; the format's outline is there to start from.
    alice_context = new_context()
    sign_in(alice_context, member)
    alice = alice_context.new_page()
    problems.watch(alice)
    alice.goto(notes_url)
    alice.get_by_role("link", name="Edit the notes").click()
    notes_box = alice.get_by_label("Notes", exact=True)
    expect(notes_box).to_have_value(re.compile("## What we discussed"))
    _checked(alice, axe_check, problems)
    notes_box.fill("## What we discussed\n\nShared registers across departments.")
    alice.get_by_role("button", name="Save the notes").click()
    expect(alice.get_by_text("Your notes are saved.")).to_be_visible()

    # The reader sees them arrive without reloading.
    expect(reader.locator("#notes")).to_contain_text(
        "Shared registers across departments.", timeout=8_000
    )

    # Charlie opened the editor at the same revision and saves second: he is shown both.
    charlie_context = new_context()
    sign_in(charlie_context, other_member)
    charlie = charlie_context.new_page()
    problems.watch(charlie)
    charlie.goto(notes_url + "edit/")
    # As if he had opened it before Alice saved: his form still names revision 0.
    charlie.evaluate("document.querySelector('input[name=base_revision]').value = '0'")
    charlie.get_by_label("Notes", exact=True).fill("Charlie's point: publish the schema.")
    charlie.get_by_role("button", name="Save the notes").click()
    expect(charlie.get_by_role("heading", level=1)).to_have_text(
        "Someone else saved the notes while you were editing"
    )
    expect(charlie.get_by_label("Saved by someone else (read only)")).to_have_value(
        re.compile("Shared registers")
    )
    expect(charlie.get_by_label("Notes", exact=True)).to_have_value(
        "Charlie's point: publish the schema."
    )
    # The merge page answers 409 Conflict on purpose; Chromium logs every 4xx on the console.
    problems.messages[:] = [m for m in problems.messages if "409 (Conflict)" not in m]
    _checked(charlie, axe_check, problems)
    charlie.get_by_label("Notes", exact=True).fill(
        "## What we discussed\n\nShared registers across departments.\n\nPublish the schema."
    )
    charlie.get_by_role("button", name="Save the merged notes").click()
    expect(charlie.get_by_text("Your notes are saved.")).to_be_visible()

    # The history compares the two revisions.
    charlie.get_by_role("link", name="See the history").click()
    _checked(charlie, axe_check, problems)
    charlie.get_by_role("button", name="Compare").click()
    expect(charlie.locator("ins").last).to_contain_text("Publish the schema.")
    _checked(charlie, axe_check, problems)

    # Alice commits to an action from the session's notes.
    alice.goto(notes_url)
    alice.get_by_role("link", name="Commit to an action").click()
    _checked(alice, axe_check, problems)
    alice.get_by_label("I will…").fill("share the register with my team")
    alice.get_by_label("Due date (optional)").fill(timezone.localdate().isoformat())
    alice.get_by_role("button", name="Commit to it").click()
    expect(alice.get_by_text("Your action is saved.")).to_be_visible()
    action = Action.objects.get()
    assert action.session == session

    # The reminder goes; its "done" link asks first, then closes the action.
    assert services.send_due_reminders() == 1
    (reminder,) = mail.outbox
    # The email's address is SITE_URL's; the browser follows its path on the test server.
    done_url = re.search(r"/outcomes/\S+/actions/\S+/", reminder.body.split("dropping")[0])[0]
    link_page = new_context().new_page()
    problems.watch(link_page)
    link_page.goto(done_url)
    expect(link_page.get_by_role("heading", level=1)).to_have_text("Mark your action as done?")
    _checked(link_page, axe_check, problems)
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN
    link_page.get_by_role("button", name=re.compile("Yes, it")).click()
    expect(link_page.get_by_role("heading", level=1)).to_have_text("Well done")
    _checked(link_page, axe_check, problems)
    action.refresh_from_db()
    assert action.status == Action.Status.DONE

    # The published programme counts it; feedback and its results pass axe too.
    alice.goto(f"/outcomes/{yesterday.slug}/")
    expect(alice.locator(f"#session-{session.pk}").locator("..")).to_contain_text(
        "1 action done, 0 open"
    )
    _checked(alice, axe_check, problems)
    alice.get_by_role("link", name="Give feedback").click()
    _checked(alice, axe_check, problems)
    alice.get_by_label("5: very good").check()
    alice.get_by_role("button", name="Send feedback").click()
    expect(alice.get_by_text("Thank you: your feedback is saved.")).to_be_visible()
    assert Feedback.objects.get().rating == 5
    olu_context = new_context()
    sign_in(olu_context, organiser)
    olu = olu_context.new_page()
    problems.watch(olu)
    olu.goto(f"/outcomes/{yesterday.slug}/feedback/results/")
    expect(olu.get_by_role("heading", level=1)).to_have_text("Feedback results")
    _checked(olu, axe_check, problems)
    olu.goto(notes_url + "privacy/")
    _checked(olu, axe_check, problems)


def test_notes_and_actions_work_without_javascript(
    yesterday, member, new_context, sign_in, problems, axe_check
):
    Registration.objects.create(event=yesterday, user=member, status=Registration.Status.CONFIRMED)
    session = Session.objects.create(event=yesterday, title="Show and tell", format="show_and_tell")
    session.hosts.add(member)
    context = new_context(java_script_enabled=False)
    sign_in(context, member)
    page = context.new_page()
    problems.watch(page)

    page.goto(f"/outcomes/{yesterday.slug}/sessions/{session.pk}/edit/")
    expect(page.get_by_label("Notes", exact=True)).to_have_value(re.compile("## What was shown"))
    page.get_by_label("Notes", exact=True).fill("## What was shown\n\nA prototype.")
    page.get_by_role("button", name="Save the notes").click()
    expect(page.locator("#notes")).to_contain_text("A prototype.")
    _checked(page, axe_check, problems)
    page.get_by_role("link", name="Commit to an action").click()
    page.get_by_label("I will…").fill("test it with users")
    page.get_by_role("button", name="Commit to it").click()
    expect(page.get_by_text("Your action is saved.")).to_be_visible()
    assert Action.objects.get().text == "test it with users"
