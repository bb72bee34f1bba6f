"""Programme fixtures: Alice and Charlie hold confirmed places at the London un-conference."""

from __future__ import annotations

import pytest

from oneteam.events.models import Registration
from oneteam.programme.models import EventProgramme, Session


def confirm(event, user) -> None:
    Registration.objects.create(event=event, user=user, status=Registration.Status.CONFIRMED)


@pytest.fixture
def attendee(member, event):
    """Alice, with a confirmed place."""
    confirm(event, member)
    return member


@pytest.fixture
def second_attendee(other_member, event):
    """Charlie, with a confirmed place."""
    confirm(event, other_member)
    return other_member


def make_session(event, *hosts, title: str = "Joining up data", **fields) -> Session:
    session = Session.objects.create(event=event, title=title, **fields)
    session.hosts.add(*hosts)
    return session


@pytest.fixture
def pitch(event, second_attendee) -> Session:
    """A session pitched by Charlie."""
    return make_session(event, second_attendee, title="Open policy making")


def set_programme(event, **fields) -> EventProgramme:
    programme, _ = EventProgramme.objects.update_or_create(event=event, defaults=fields)
    return programme
