from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from oneteam.events.models import Event
from oneteam.events.services.registrations import registration_create


@pytest.fixture
def small_event(chapter) -> Event:
    """Two places, so the waitlist is one registration away."""
    starts = timezone.now() + timedelta(days=7)
    return Event.objects.create(
        chapter=chapter,
        slug="lean-coffee",
        title="Lean Coffee",
        format=Event.Format.LEAN_COFFEE,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        status=Event.Status.PUBLISHED,
        capacity=2,
    )


@pytest.fixture
def draft_event(chapter) -> Event:
    starts = timezone.now() + timedelta(days=30)
    return Event.objects.create(
        chapter=chapter,
        slug="draft-unconference",
        title="Draft un-conference",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        status=Event.Status.DRAFT,
    )


def register(event, user, **extra):
    fields = {"accepts_code_of_conduct": True, "organisation": "Department for Examples"}
    return registration_create(event=event, user=user, **(fields | extra))
