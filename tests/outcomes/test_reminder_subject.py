"""Stored text with a line break (from before the text rule) cannot break a reminder's subject."""

from __future__ import annotations

from oneteam.events.models import Event
from oneteam.outcomes.emails import reminder_message
from oneteam.outcomes.services import action_create


def test_a_reminder_for_an_event_titled_over_two_lines_has_a_one_line_subject(past_event, attendee):
    Event.objects.filter(pk=past_event.pk).update(title="One Team\r\nLondon")
    past_event.refresh_from_db()
    action = action_create(
        event=past_event, owner=attendee, text="I will share the notes", due_on=None, is_public=True
    )

    message = reminder_message(action)

    assert "\n" not in message.subject and "\r" not in message.subject
    assert "One Team" in message.subject and "London" in message.subject
