"""Session notes: revisions, conflicts that lose nothing, templates, limits, history, live."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oneteam.events.models import PrivacyMode
from oneteam.outcomes import services
from oneteam.outcomes.models import NOTES_MAX_LENGTH, NoteRevision, SessionNotes
from oneteam.outcomes.note_templates import template_for
from oneteam.programme.models import Session
from tests.outcomes.conftest import make_session

pytestmark = pytest.mark.django_db


def _url(name: str, session: Session, **query: object) -> str:
    url = reverse(f"outcomes:{name}", kwargs={"event_slug": session.event.slug, "pk": session.pk})
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def _save(client, session, text: str, base: int):
    return client.post(_url("notes_edit", session), {"text": text, "base_revision": base})


def test_notes_save_keeps_each_revision_with_its_author(client, session, host, attendee):
    client.force_login(host)
    _save(client, session, "First draft", 0)
    client.force_login(attendee)

    response = _save(client, session, "First draft\n\nMore", 1)

    assert response.status_code == 302
    rows = list(NoteRevision.objects.order_by("number").values_list("number", "text", "author"))
    assert rows == [(1, "First draft", host.pk), (2, "First draft\n\nMore", attendee.pk)]
    assert SessionNotes.objects.get(session=session).text == "First draft\n\nMore"


def test_two_saves_on_the_same_base_the_later_is_shown_both_and_loses_nothing(
    client, session, host, attendee
):
    """Two clients open the notes at revision 0 and both save: the later save is told."""
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(host)
    second.force_login(attendee)

    won = _save(first, session, "Hana's notes", 0)
    told = _save(second, session, "Nadia's notes", 0)

    assert won.status_code == 302
    assert told.status_code == 409
    page = told.content.decode()
    assert "Someone else saved the notes while you were editing" in page
    assert "Hana&#x27;s notes" in page  # the newer version, beside
    assert "Nadia&#x27;s notes" in page  # their own words, still in the form
    assert told.context["form"].initial["base_revision"] == 1
    assert SessionNotes.objects.get(session=session).text == "Hana's notes"
    assert NoteRevision.objects.count() == 1

    merged = _save(second, session, "Hana's notes\n\nNadia's notes", 1)

    assert merged.status_code == 302
    assert SessionNotes.objects.get(session=session).revision == 2


def test_notes_save_on_a_stale_revision_raises_with_the_newer_notes(session, host, attendee):
    services.notes_save(session=session, author=host, text="one", base_revision=0)
    services.notes_save(session=session, author=host, text="two", base_revision=1)

    with pytest.raises(services.NotesConflict) as conflict:
        services.notes_save(session=session, author=attendee, text="mine", base_revision=1)

    assert (conflict.value.current.revision, conflict.value.current.text) == (2, "two")
    assert SessionNotes.objects.get(session=session).text == "two"


def test_notes_over_the_limit_are_refused_and_given_back(client, session, attendee):
    client.force_login(attendee)
    text = "x" * (NOTES_MAX_LENGTH + 1)

    response = _save(client, session, text, 0)

    assert response.status_code == 400
    assert "Notes must be 100,000 characters or fewer; these are 100001" in (
        response.content.decode()
    )
    assert response.context["form"].data["text"] == text
    assert not NoteRevision.objects.exists()


def test_notes_at_the_limit_are_saved(session, attendee):
    notes = services.notes_save(
        session=session, author=attendee, text="x" * NOTES_MAX_LENGTH, base_revision=0
    )

    assert len(notes.text) == NOTES_MAX_LENGTH


def test_a_member_not_registered_cannot_edit_and_is_told_why(client, session, member):
    client.force_login(member)

    response = _save(client, session, "sneaky", 0)

    assert response.status_code == 403
    assert "You are not registered for One Team London" in response.content.decode()
    assert not SessionNotes.objects.exists()


def test_a_host_who_is_not_registered_may_still_edit(client, past_event, member):
    session = make_session(past_event, member, title="Hosted by Alice")
    client.force_login(member)

    response = _save(client, session, "From the host", 0)

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("session_format", "heading"),
    [
        (Session.Format.DISCUSSION, "## What we discussed"),
        (Session.Format.WORKSHOP, "## What we made"),
        (Session.Format.SHOW_AND_TELL, "## What was shown"),
        (Session.Format.LEAN_COFFEE, "## Takeaway"),
    ],
)
def test_empty_notes_are_prefilled_from_the_format_template(
    client, past_event, host, session_format, heading
):
    session = make_session(past_event, host, title="Templated", format=session_format)
    client.force_login(host)

    response = client.get(_url("notes_edit", session))

    initial = response.context["form"].initial["text"]
    assert initial == template_for(session_format)
    assert heading in initial


def test_saved_notes_are_not_replaced_by_the_template(client, session, host):
    services.notes_save(session=session, author=host, text="Our notes", base_revision=0)
    client.force_login(host)

    response = client.get(_url("notes_edit", session))

    assert response.context["form"].initial == {"text": "Our notes", "base_revision": 1}


def test_notes_are_rendered_through_the_shared_sanitiser(client, session, host):
    services.notes_save(
        session=session,
        author=host,
        text="## Agreed\n\n<script>alert(1)</script> [x](javascript:alert(1))",
        base_revision=0,
    )

    page = client.get(_url("notes", session)).content.decode()

    assert '<h2 class="govuk-heading-m">Agreed</h2>' in page
    assert "<script>alert(1)" not in page
    assert 'href="javascript' not in page


def test_history_shows_the_diff_between_any_two_revisions(client, session, host):
    for base, text in enumerate(["alpha\nbeta", "alpha\ngamma", "alpha\ngamma\ndelta"]):
        services.notes_save(session=session, author=host, text=text, base_revision=base)

    response = client.get(_url("history", session, **{"from": 1, "to": 3}))

    lines = [(line.kind, line.text) for line in response.context["diff"]]
    assert ("removed", "beta") in lines
    assert ("added", "gamma") in lines
    assert ("added", "delta") in lines
    assert [r.number for r in response.context["revisions"]] == [3, 2, 1]
    assert [r.author for r in response.context["revisions"]] == ["Hana Hostperson"] * 3


def test_history_compare_with_a_missing_revision_says_so(client, session, host):
    services.notes_save(session=session, author=host, text="one", base_revision=0)

    response = client.get(_url("history", session, **{"from": 1, "to": 9}))

    assert response.status_code == 200
    assert "Choose two revisions from the list to compare." in response.content.decode()


def test_a_save_publishes_a_live_event_after_commit_without_names(
    session, host, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.notes_save(session=session, author=host, text="Live", base_revision=0)

    assert published == [
        (
            "event-london-last-week",
            f"notes-changed-{session.pk}",
            {"session": session.pk, "revision": 1},
            "public",
        )
    ]


def test_the_notes_fragment_is_what_a_live_reader_refetches(client, session, host):
    services.notes_save(session=session, author=host, text="Fresh words", base_revision=0)

    fragment = client.get(_url("notes", session), headers={"HX-Request": "true"})

    body = fragment.content.decode()
    assert body.lstrip().startswith('<div id="notes"')
    assert "Fresh words" in body
    assert "<html" not in body
    assert fragment["Vary"].startswith("HX-Request")


def test_off_the_record_sessions_take_no_notes(client, past_event, host):
    session = make_session(past_event, host, privacy=PrivacyMode.OFF_THE_RECORD)
    client.force_login(host)

    response = _save(client, session, "Secret", 0)

    assert response.status_code == 403
    assert "off the record, so it has no notes" in response.content.decode()
    assert not NoteRevision.objects.exists()


def test_a_host_writes_the_off_the_record_summary(client, past_event, host):
    session = make_session(past_event, host, privacy=PrivacyMode.OFF_THE_RECORD)
    client.force_login(host)

    client.post(_url("summary", session), {"summary": "Trust takes time."})

    page = client.get(_url("notes", session)).content.decode()
    assert "Trust takes time." in page
    assert "Off the record" in page


def test_an_attendee_who_is_not_a_host_cannot_write_the_summary(client, past_event, host, attendee):
    session = make_session(past_event, host, privacy=PrivacyMode.OFF_THE_RECORD)
    client.force_login(attendee)

    response = client.post(_url("summary", session), {"summary": "Mine"})

    assert response.status_code == 403
    assert not SessionNotes.objects.filter(summary="Mine").exists()


def test_changing_privacy_after_notes_exist_asks_to_confirm(client, session, host):
    services.notes_save(session=session, author=host, text="Notes", base_revision=0)
    client.force_login(host)

    asked = client.post(_url("privacy", session), {"privacy": PrivacyMode.CHATHAM_HOUSE})

    assert "This session already has notes" in asked.content.decode()
    session.refresh_from_db()
    assert session.privacy == PrivacyMode.OPEN

    client.post(
        _url("privacy", session), {"privacy": PrivacyMode.CHATHAM_HOUSE, "confirmed": "True"}
    )

    session.refresh_from_db()
    assert session.privacy == PrivacyMode.CHATHAM_HOUSE
    assert SessionNotes.objects.get(session=session).text == "Notes"


def test_a_stricter_mode_removes_names_from_the_history_at_once(client, session, host, organiser):
    services.notes_save(session=session, author=host, text="Notes", base_revision=0)
    services.privacy_change(session=session, privacy=PrivacyMode.CHATHAM_HOUSE, confirmed=True)

    public = client.get(_url("history", session))
    client.force_login(organiser)
    organisers = client.get(_url("history", session))

    assert [r.author for r in public.context["revisions"]] == [None]
    assert "Hana Hostperson" not in public.content.decode()
    assert [r.author for r in organisers.context["revisions"]] == ["Hana Hostperson"]


def test_privacy_change_without_notes_needs_no_confirmation(session):
    services.privacy_change(session=session, privacy=PrivacyMode.OFF_THE_RECORD, confirmed=False)

    session.refresh_from_db()
    assert session.privacy == PrivacyMode.OFF_THE_RECORD


def test_privacy_is_shown_in_words_on_the_notes(client, past_event, host):
    session = make_session(past_event, host, privacy=PrivacyMode.CHATHAM_HOUSE)

    page = client.get(_url("notes", session)).content.decode()

    assert "nobody who took part or wrote them is named" in page


@pytest.mark.parametrize("base", [None, "", "-3", "two"])
def test_a_save_without_a_usable_starting_revision_is_merged_not_lost(
    client, session, host, attendee, base
):
    services.notes_save(session=session, author=host, text="Hana's notes", base_revision=0)
    client.force_login(attendee)
    data = {"text": "Nadia's notes"}
    if base is not None:
        data["base_revision"] = base

    response = client.post(_url("notes_edit", session), data)

    assert response.status_code == 409
    assert response.context["form"].initial == {"text": "Nadia's notes", "base_revision": 1}
    assert SessionNotes.objects.get(session=session).text == "Hana's notes"
