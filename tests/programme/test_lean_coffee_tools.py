"""The Lean Coffee runner is offered to organisers only where there are Lean Coffee topics to run:
at a Lean Coffee event, or at an un-conference where one was pitched."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from oneteam.events.models import Event
from oneteam.programme.models import Session
from oneteam.programme.selectors import runs_lean_coffee
from tests.programme.conftest import make_session

pytestmark = pytest.mark.django_db

RUNNER = "Lean Coffee runner"


def _pages(client: Client, event: Event) -> list[str]:
    return [
        client.get(reverse(name, kwargs={"event_slug": event.slug})).content.decode()
        for name in ("programme:session_list", "programme:settings")
    ]


def test_unconference_without_lean_coffee_topics_offers_no_lean_coffee_runner(
    client, organiser, event, second_attendee
):
    make_session(event, second_attendee, format=Session.Format.DISCUSSION)
    client.force_login(organiser)

    pages = _pages(client, event)

    assert [RUNNER in page for page in pages] == [False, False]
    assert ["Pitch queue" in page for page in pages] == [True, True]


def test_unconference_with_a_lean_coffee_topic_offers_the_runner(
    client, organiser, event, second_attendee
):
    make_session(event, second_attendee, format=Session.Format.LEAN_COFFEE)
    client.force_login(organiser)

    assert [RUNNER in page for page in _pages(client, event)] == [True, True]


def test_withdrawn_lean_coffee_topic_does_not_count(event, second_attendee):
    make_session(
        event,
        second_attendee,
        format=Session.Format.LEAN_COFFEE,
        status=Session.Status.WITHDRAWN,
    )

    assert runs_lean_coffee(event=event) is False


def test_lean_coffee_event_offers_the_runner_before_any_topic(client, organiser, event):
    Event.objects.filter(pk=event.pk).update(format=Event.Format.LEAN_COFFEE)
    client.force_login(organiser)

    assert [RUNNER in page for page in _pages(client, event)] == [True, True]
