from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from oneteam.events.models import Event
from oneteam.events.services.registrations import registration_create


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
