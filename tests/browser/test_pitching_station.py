"""The pitching station end to end: one organiser enters 40 pitches from the floor with the
keyboard only (title, Tab, host, Enter), and we time it.

The issue asks for 40 pitches in under 10 minutes by one person. A script types far faster
than a person, so besides the measured time the test prints an estimate for a human: the
keystrokes per pitch at 3 a second, plus 5 seconds of thinking per pitch.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from oneteam.events.models import Registration
from oneteam.programme.models import Session
from tests.browser.signed_in import signed_in_page
from tests.conftest import make_member

pytestmark = pytest.mark.browser
PITCHES = 40
KEYSTROKES_PER_SECOND = 3
THINKING_SECONDS = 5
TEN_MINUTES = 600

TOPICS = [
    "Open policy making",
    "Data for all",
    "Service design in policy teams",
    "Digital leaders",
    "Delivery myths",
    "User research on a shoestring",
    "Joining up local services",
    "Plain language in law",
    "Agile in procurement",
    "Evidence that changes minds",
]
GUESTS = ["Sam Walker", "Priya Shah", "Tom Evans", "Grace Obi"]
ATTENDEES = [
    "Ada Lovell",
    "Ben Okafor",
    "Cara Singh",
    "Dev Patel",
    "Ema Jones",
    "Finn Byrne",
    "Gita Rao",
    "Hal Morgan",
    "Ines Costa",
    "Jo Reid",
    "Kemi Adeyemi",
    "Lars Berg",
    "Mei Chen",
    "Nia Hughes",
    "Omar Aziz",
    "Pia Novak",
    "Quinn Shaw",
    "Rosa Diaz",
    "Sol Idris",
    "Tess Kerr",
]
# Picking a registered attendee from the suggestions: a few letters, Down, Enter.
KEYS_TO_PICK_A_SUGGESTION = 3 + 2


def _attendees(event) -> list[str]:
    """Twenty registered attendees, whom the organiser names as hosts."""
    for n, name in enumerate(ATTENDEES):
        user = make_member(f"attendee{n}@example.org", name=name, handle=f"attendee-{n}")
        Registration.objects.create(event=event, user=user, status=Registration.Status.CONFIRMED)
    return ATTENDEES


def _pitches(attendees: list[str]) -> list[tuple[str, str]]:
    """40 (title, host) pairs: three in four hosted by a registered attendee, typed by name or
    email; the rest by someone without an account."""
    pitches = []
    for n in range(PITCHES):
        title = f"{TOPICS[n % len(TOPICS)]} {n // len(TOPICS) + 1}"
        if n % 4 == 3:
            host = GUESTS[n // 4 % len(GUESTS)]
        elif n % 4 == 2:
            host = f"attendee{n % 20}@example.org"
        else:
            host = attendees[n % 20]
        pitches.append((title, host))
    return pitches


def test_forty_pitches_from_the_floor_with_the_keyboard_only(
    event, organiser, new_context, sign_in, problems, axe_check
):
    pitches = _pitches(_attendees(event))
    page = signed_in_page(new_context, sign_in, problems, organiser)
    page.goto(f"/programme/{event.slug}/organise/pitching-station/")
    axe_check(page)
    title = page.get_by_label("Title")
    banner = page.locator("#saved")

    keystrokes = with_suggestions = 0
    started = time.perf_counter()
    for pitch_title, host in pitches:
        # The title field has the focus on every loop: nothing to click.
        expect(title).to_be_focused()
        page.keyboard.type(pitch_title)
        page.keyboard.press("Tab")
        page.keyboard.type(host)
        page.keyboard.press("Enter")
        keystrokes += len(pitch_title) + 1 + len(host) + 1
        # Registered hosts (by name or email) are suggested; hosts without an account are not.
        picked = len(host) if host in GUESTS else KEYS_TO_PICK_A_SUGGESTION
        with_suggestions += len(pitch_title) + 1 + picked + 1
        expect(banner).to_contain_text(f"“{pitch_title}” pitched for")
    elapsed = time.perf_counter() - started

    expect(page.locator("#entered")).to_have_text("40 pitches entered here")
    last_title, last_host = pitches[-1]
    expect(banner).to_contain_text(f"“{last_title}” pitched for {last_host}")
    axe_check(page)
    assert problems.messages == []
    saved = {s.title: s for s in Session.objects.filter(event=event).prefetch_related("hosts")}
    assert len(saved) == PITCHES
    assert {s.pitched_by_id for s in saved.values()} == {organiser.pk}
    assert saved["Open policy making 1"].host_names == ["Ada Lovell"]
    assert saved["Service design in policy teams 1"].host_names == ["Cara Singh"]
    assert saved["Digital leaders 1"].host_names == ["Sam Walker"]
    assert saved["Digital leaders 1"].hosts.count() == 0

    def by_hand(keys: int) -> float:
        """Minutes for a person: the keys at 3 a second, plus thinking time per pitch."""
        return (keys / KEYSTROKES_PER_SECOND + PITCHES * THINKING_SECONDS) / 60

    print(
        f"\npitching station: {PITCHES} pitches by script in {elapsed:.1f} s "
        f"({elapsed / PITCHES:.2f} s each). By hand: {keystrokes / PITCHES:.1f} keys a pitch "
        f"typed in full, about {by_hand(keystrokes):.1f} min; "
        f"{with_suggestions / PITCHES:.1f} keys a pitch picking registered hosts from the "
        f"suggestions, about {by_hand(with_suggestions):.1f} min "
        f"({KEYSTROKES_PER_SECOND} keys/s, {THINKING_SECONDS} s thinking a pitch)"
    )
    assert elapsed < TEN_MINUTES


def test_the_station_loop_works_without_javascript(
    event, organiser, new_context, sign_in, problems
):
    _attendees(event)
    page = signed_in_page(new_context, sign_in, problems, organiser, java_script_enabled=False)
    page.goto(f"/programme/{event.slug}/organise/pitching-station/")

    for pitch_title, host in [("Open policy making", "Sam Walker"), ("Data for all", "Mei Chen")]:
        expect(page.get_by_label("Title")).to_be_focused()
        page.keyboard.type(pitch_title)
        page.keyboard.press("Tab")
        page.keyboard.type(host)
        page.keyboard.press("Enter")
        expect(page.locator("#saved")).to_contain_text(f"“{pitch_title}” pitched for {host}")

    expect(page.locator("#entered")).to_have_text("2 pitches entered here")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Data for all")
    assert problems.messages == []
