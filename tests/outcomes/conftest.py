"""Outcomes fixtures: an un-conference that took place yesterday, with people in every role."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from oneteam.events.models import Event, Registration
from oneteam.programme.models import Session
from tests.conftest import make_member


def confirm(event: Event, user: Any) -> None:
    Registration.objects.create(event=event, user=user, status=Registration.Status.CONFIRMED)


def make_session(event: Event, *hosts: Any, title: str = "Joining up data", **fields) -> Session:
    session = Session.objects.create(event=event, title=title, **fields)
    session.hosts.add(*hosts)
    return session


@pytest.fixture
def past_event(db, chapter) -> Event:
    starts = timezone.now() - timedelta(days=1)
    return Event.objects.create(
        chapter=chapter,
        slug="london-last-week",
        title="One Team London",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        status=Event.Status.PUBLISHED,
    )


@pytest.fixture
def host(past_event) -> Any:
    """Hana hosts the session; her id is far from any other so a leak search finds only hers."""
    user = make_member("hana.host@example.org", name="Hana Hostperson", id=987_651)
    confirm(past_event, user)
    return user


@pytest.fixture
def attendee(past_event) -> Any:
    """Nadia took notes at the session."""
    user = make_member("nadia.notes@example.org", name="Nadia Notetaker", id=987_652)
    confirm(past_event, user)
    return user


@pytest.fixture
def session(past_event, host) -> Session:
    return make_session(past_event, host, title="Joining up data")


@pytest.fixture
def published(monkeypatch) -> list[tuple[str, str, Any, str]]:
    """Live events as the broker receives them (after commit), in order."""
    sent: list[tuple[str, str, Any, str]] = []

    def capture(channel: str, event_type: str, data: Any, *, audience: str = "public") -> None:
        sent.append((channel, event_type, data, audience))

    monkeypatch.setattr("oneteam.live.broker.publish", capture)
    return sent
