"""Writes for outcomes: every door (pages, links in emails, background tasks) calls these."""

from oneteam.outcomes.services.actions import (
    ActionLinkError,
    action_close,
    action_create,
    send_due_reminders,
)
from oneteam.outcomes.services.feedback import FeedbackExists, feedback_save
from oneteam.outcomes.services.notes import (
    NotesConflict,
    PrivacyNeedsConfirmation,
    notes_save,
    privacy_change,
    summary_save,
)

__all__ = [
    "ActionLinkError",
    "FeedbackExists",
    "NotesConflict",
    "PrivacyNeedsConfirmation",
    "action_close",
    "action_create",
    "feedback_save",
    "notes_save",
    "privacy_change",
    "send_due_reminders",
    "summary_save",
]
