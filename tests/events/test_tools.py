from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.events import tokens
from oneteam.events.models import EventTask
from oneteam.events.services.registrations import registration_cancel
from tests.conftest import make_member
from tests.events.conftest import register

pytestmark = pytest.mark.django_db


def test_attendees_shows_discipline_mix(client, organiser, event, member, other_member):
    register(event, member, discipline=member.profile.discipline)
    register(event, other_member, discipline=other_member.profile.discipline)
    policy_too = make_member("p2@example.org", name="Pat Policy", discipline="policy")
    register(event, policy_too, discipline=policy_too.profile.discipline)
    client.force_login(organiser)

    mix = client.get(reverse("events:attendees", kwargs={"slug": event.slug})).context["mix"]

    assert [(share.name, share.count, share.percent) for share in mix] == [
        ("Policy", 2, 67),
        ("Data", 1, 33),
    ]


def test_attendees_page_query_count_does_not_grow_with_attendees(
    client, organiser, event, django_assert_num_queries
):
    client.force_login(organiser)
    url = reverse("events:attendees", kwargs={"slug": event.slug})
    register(event, make_member("a1@example.org", name="A One"))
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(2, 5):
        register(event, make_member(f"a{n}@example.org", name=f"A {n}"))

    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_attendees_csv_lists_needs_and_defuses_formulas(client, organiser, event, member):
    register(event, member, organisation="=HYPERLINK(1)", access_needs="Hearing loop")
    client.force_login(organiser)

    response = client.get(reverse("events:attendees_csv", kwargs={"slug": event.slug}))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Name", "Organisation", "Discipline", "Status"]
    assert rows[1][:4] == ["Alice Policy", "'=HYPERLINK(1)", "", "Confirmed"]
    assert rows[1][6] == "Hearing loop"


def test_check_in_search_finds_confirmed_attendee_by_name(client, organiser, event, member):
    register(event, member)
    client.force_login(organiser)

    response = client.get(reverse("events:check_in", kwargs={"slug": event.slug}), {"q": "alice"})

    assert [r.user for r in response.context["results"]] == [member]


def test_check_in_post_marks_arrival(client, organiser, event, member):
    registration = register(event, member)
    client.force_login(organiser)

    client.post(
        reverse("events:check_in", kwargs={"slug": event.slug}),
        {"registration": registration.pk, "q": "alice"},
    )

    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_check_in_link_get_changes_nothing_and_post_checks_in(client, organiser, event, member):
    registration = register(event, member)
    url = reverse(
        "events:check_in_link",
        kwargs={"slug": event.slug, "token": tokens.make_check_in_token(registration.pk)},
    )
    client.force_login(organiser)

    client.get(url)
    registration.refresh_from_db()
    assert registration.checked_in_at is None

    client.post(url)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_check_in_of_a_cancelled_registration_is_refused(client, organiser, event, member):
    registration = registration_cancel(registration=register(event, member))
    client.force_login(organiser)

    client.post(
        reverse("events:check_in", kwargs={"slug": event.slug}),
        {"registration": registration.pk},
    )

    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_message_goes_to_everyone_registered_but_not_the_cancelled(
    client, organiser, small_event, member, other_member, moderator
):
    register(small_event, member)
    register(small_event, other_member)
    registration_cancel(registration=register(small_event, moderator))
    client.force_login(organiser)

    client.post(
        reverse("events:message", kwargs={"slug": small_event.slug}),
        {"subject": "Doors open at 8", "body": "Bring a pitch."},
    )

    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "charlie@example.org"]
    assert mail.outbox[0].subject == "[One Team] Doors open at 8"
    assert "Bring a pitch." in mail.outbox[0].body


def test_task_add_and_mark_done(client, organiser, event):
    client.force_login(organiser)
    url = reverse("events:tasks", kwargs={"slug": event.slug})

    client.post(
        url, {"title": "Print badges", "area": "comms", "owner": organiser.pk, "status": "todo"}
    )
    task = EventTask.objects.get(title="Print badges")
    client.post(reverse("events:task_done", kwargs={"slug": event.slug, "pk": task.pk}))

    task.refresh_from_db()
    assert (task.owner, task.status) == (organiser, EventTask.Status.DONE)


def test_task_owner_must_be_an_organiser_of_the_chapter(client, organiser, event, member):
    client.force_login(organiser)

    response = client.post(
        reverse("events:tasks", kwargs={"slug": event.slug}),
        {"title": "Print badges", "owner": member.pk, "status": "todo"},
    )

    assert '<a href="#id_owner">' in response.content.decode()
    assert not EventTask.objects.filter(title="Print badges").exists()


def test_check_in_post_with_a_malformed_registration_is_404(client, organiser, event):
    client.force_login(organiser)

    response = client.post(
        reverse("events:check_in", kwargs={"slug": event.slug}), {"registration": "abc"}
    )

    assert response.status_code == 404
