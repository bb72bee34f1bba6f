"""After the event: the programme with outcomes, its exports and feed, and feedback."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.events.models import PrivacyMode
from oneteam.outcomes import services
from oneteam.outcomes.models import Action, Feedback
from tests.conftest import make_member
from tests.outcomes.conftest import confirm, make_session

pytestmark = pytest.mark.django_db


def _url(name: str, event, **kwargs) -> str:
    return reverse(f"outcomes:{name}", kwargs={"event_slug": event.slug, **kwargs})


def _sessions(event, count: int, start: int = 0) -> None:
    """Sessions in each privacy mode, each with two hosts, notes and done and open actions."""
    modes = [PrivacyMode.OPEN, PrivacyMode.CHATHAM_HOUSE, PrivacyMode.OFF_THE_RECORD]
    for i in range(start, start + count):
        hosts = [
            make_member(f"host{i}{k}@example.org", name=f"Host {i}{k}", handle=f"host{i}{k}")
            for k in range(2)
        ]
        session = make_session(event, *hosts, title=f"Session {i}", privacy=modes[i % 3])
        if session.privacy != PrivacyMode.OFF_THE_RECORD:
            services.notes_save(
                session=session, author=hosts[0], text=f"Notes {i}", base_revision=0
            )
        for status in (Action.Status.DONE, Action.Status.OPEN):
            Action.objects.create(
                event=event, owner=hosts[1], session=session, text=f"do {i}", status=status
            )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_programme_page_query_count_does_not_grow_with_sessions(client, past_event, attendee):
    """Anonymous: the event, the sessions with notes and counts, hosts, actions (4); signed in
    adds the session, the user and two role checks (8)."""
    _sessions(past_event, 6)
    url = _url("programme", past_event)
    signed_in = Client()
    signed_in.force_login(attendee)
    signed_in.get(url)  # the first request after signing in also saves the session
    with_six = (_queries(client, url), _queries(signed_in, url))
    _sessions(past_event, 54, start=6)

    with_sixty = (_queries(client, url), _queries(signed_in, url))

    assert with_six == with_sixty
    assert with_six == (4, 8)
    assert client.get(url).content.decode().count('<section class="govuk-!-margin-bottom-8"') == 60


def test_the_programme_shows_notes_summary_and_action_counts(client, past_event, host):
    open_session = make_session(past_event, host, title="Open one")
    services.notes_save(session=open_session, author=host, text="What we learned", base_revision=0)
    off = make_session(past_event, host, title="Off one", privacy=PrivacyMode.OFF_THE_RECORD)
    services.summary_save(session=off, author=host, text="Trust takes time")
    Action.objects.create(
        event=past_event, owner=host, session=open_session, text="a", status="done"
    )
    Action.objects.create(event=past_event, owner=host, session=open_session, text="b")
    Action.objects.create(event=past_event, owner=host, session=open_session, text="c",
                          is_public=False)  # fmt: skip

    page = client.get(_url("programme", past_event)).content.decode()

    assert "What we learned" in page
    assert "Trust takes time" in page
    assert "1 action done, 1 open" in page
    assert "Hosted by Hana Hostperson" in page  # the open session only


def test_the_csv_export_makes_formulas_text(client, past_event, host):
    session = make_session(past_event, host, title='=HYPERLINK("http://evil")')
    services.notes_save(session=session, author=host, text="@SUM(1)", base_revision=0)

    body = client.get(_url("export_csv", past_event)).content.decode()

    header, row = list(csv.reader(io.StringIO(body)))
    assert header[:3] == ["Session", "Format", "Privacy"]
    assert row[0] == '\'=HYPERLINK("http://evil")'
    assert row[3] == "Hana Hostperson"
    assert row[4] == "'@SUM(1)"


def test_the_json_export_holds_the_programme_with_privacy_in_words(client, past_event, host):
    session = make_session(past_event, host, privacy=PrivacyMode.CHATHAM_HOUSE)
    services.notes_save(session=session, author=host, text="Shared", base_revision=0)

    data = json.loads(client.get(_url("export_json", past_event)).content)

    (record,) = data["sessions"]
    assert record["privacy"] == "Chatham House Rule: notes without names"
    assert (record["hosts"], record["notes"]) == ([], "Shared")


def test_the_chapter_feed_is_atom_with_control_characters_removed(client, past_event, host):
    session = make_session(past_event, host, title="Bell\x07 title")
    services.notes_save(session=session, author=host, text="Notes\x0bwith\x1b[31m", base_revision=0)

    response = client.get(reverse("outcomes:chapter_feed", kwargs={"chapter_slug": "london"}))

    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output, in a test)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    (entry,) = root.findall("atom:entry", ns)
    assert entry.find("atom:title", ns).text == "Bell title (One Team London)"
    summary = entry.find("atom:summary", ns).text
    assert summary.startswith("<p>Open: notes are published with names</p>")
    assert "Noteswith[31m" in summary


def test_feedback_is_saved_and_can_be_changed(client, past_event, attendee):
    client.force_login(attendee)
    url = _url("feedback", past_event)

    client.post(url, {"rating": "4", "text": "Good"})
    client.post(url, {"rating": "5", "text": "Better", "editing": "True"})

    assert list(Feedback.objects.values_list("rating", "text")) == [(5, "Better")]


def test_feedback_twice_is_refused_and_the_first_is_kept(client, past_event, attendee):
    client.force_login(attendee)
    stale = Client()
    stale.force_login(attendee)
    url = _url("feedback", past_event)
    client.post(url, {"rating": "4", "text": "My first answer"})

    response = stale.post(url, {"rating": "1", "text": "Another go"})

    assert response.status_code == 409
    assert "You have already given feedback on this event, so nothing was changed." in (
        response.content.decode()
    )
    assert response.context["form"].initial["text"] == "My first answer"
    assert list(Feedback.objects.values_list("rating", "text")) == [(4, "My first answer")]


def test_a_rating_outside_1_to_5_is_refused(client, past_event, attendee):
    client.force_login(attendee)

    response = client.post(_url("feedback", past_event), {"rating": "9"})

    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_organisers_see_the_results_without_names(client, past_event, organiser, attendee, host):
    Feedback.objects.create(event=past_event, user=attendee, rating=5, text="Loved it")
    Feedback.objects.create(event=past_event, user=host, rating=2, text="")
    client.force_login(organiser)

    response = client.get(_url("feedback_results", past_event))

    results = response.context["results"]
    assert (results.count, results.average) == (2, 3.5)
    assert results.distribution == [(5, 1), (4, 0), (3, 0), (2, 1), (1, 0)]
    assert results.comments == ["Loved it"]
    assert "Nadia" not in response.content.decode()


def test_people_not_registered_cannot_give_feedback(client, past_event, member):
    client.force_login(member)

    response = client.post(_url("feedback", past_event), {"rating": "3"})

    assert response.status_code == 403
    assert "Only people registered for One Team London can give feedback" in (
        response.content.decode()
    )
    confirm(past_event, member)
    assert not Feedback.objects.exists()


def test_organisers_send_the_outcomes_to_those_who_did_not_check_in(
    client, past_event, organiser, host, attendee
):
    from django.core import mail
    from django.utils import timezone

    from oneteam.events.models import Registration

    Registration.objects.filter(user=host).update(checked_in_at=timezone.now())
    make_session(past_event, host, title="Open one")
    client.force_login(organiser)
    url = _url("share", past_event)

    asked = client.get(url)
    assert mail.outbox == []
    assert "The email goes to 1 person who had a place but did not check in." in (
        asked.content.decode()
    )

    client.post(url)

    (message,) = mail.outbox
    assert message.to == ["nadia.notes@example.org"]
    assert message.subject.endswith("What came out of One Team London")
    assert "Open one" in message.body
