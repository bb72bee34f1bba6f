"""Saving notes without losing anyone's words, the off-the-record summary, privacy changes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oneteam.accounts.models import User
from oneteam.events.models import PrivacyMode
from oneteam.live.broker import publish_on_commit
from oneteam.live.channels import event_channel
from oneteam.outcomes.models import (
    NOTES_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    NoteRevision,
    SessionNotes,
)
from oneteam.outcomes.text import clean_text
from oneteam.programme.models import Session


def notes_changed(session_pk: int) -> str:
    """The live event type readers of one session's notes page refetch on: one per session, so
    a save wakes only that session's readers. Its payload names no one."""
    return f"notes-changed-{session_pk}"


class NotesConflict(Exception):
    """Someone saved a newer revision since this editor started: nothing was saved."""

    def __init__(self, current: SessionNotes) -> None:
        super().__init__(f"notes are at revision {current.revision}")
        self.current = current


class PrivacyNeedsConfirmation(Exception):
    """The session already has notes: the change must be confirmed."""


def _publish_change(session: Session, revision: int) -> None:
    publish_on_commit(
        event_channel(session.event.slug),
        notes_changed(session.pk),
        {"session": session.pk, "revision": revision},
    )


@transaction.atomic
def notes_save(*, session: Session, author: User, text: str, base_revision: int) -> SessionNotes:
    """Save `text` as the next revision, if `base_revision` (what the editor started from) is
    still the latest. Otherwise raise NotesConflict with the newer notes and save nothing.

    The conditional UPDATE is the lock: of two saves on the same base, the database lets
    exactly one match `revision = base` (PostgreSQL re-checks the row after the first commits).
    """
    if session.privacy == PrivacyMode.OFF_THE_RECORD:
        raise ValidationError(
            {
                "text": _(
                    "This session is off the record, so it has no notes. A host can write "
                    "a short summary of the wider learning instead."
                )
            }
        )
    text = clean_text(text)
    if len(text) > NOTES_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _(
                    "Notes must be %(limit)s characters or fewer; these are %(count)s. "
                    "Nothing was saved: move some of them elsewhere and save again."
                )
                % {"limit": f"{NOTES_MAX_LENGTH:,}", "count": f"{len(text):,}"}
            }
        )
    notes, _created = SessionNotes.objects.get_or_create(session=session)
    if base_revision == notes.revision and text == notes.text:
        return notes  # nothing changed: no empty revision in the history
    number = base_revision + 1
    won = SessionNotes.objects.filter(pk=notes.pk, revision=base_revision).update(
        text=text, revision=number, updated_at=timezone.now()
    )
    if not won:
        raise NotesConflict(SessionNotes.objects.get(pk=notes.pk))
    NoteRevision.objects.create(notes=notes, number=number, text=text, author=author)
    _publish_change(session, number)
    notes.refresh_from_db()
    return notes


@transaction.atomic
def summary_save(*, session: Session, author: User, text: str) -> SessionNotes:
    """The host's short summary of what others could learn from an off-the-record session."""
    text = clean_text(text).strip()
    if len(text) > SUMMARY_MAX_LENGTH:
        raise ValidationError(
            {
                "summary": _("The summary must be %(limit)s characters or fewer; it is %(count)s.")
                % {"limit": f"{SUMMARY_MAX_LENGTH:,}", "count": f"{len(text):,}"}
            }
        )
    notes, _created = SessionNotes.objects.select_for_update().get_or_create(session=session)
    notes.summary = text
    notes.summary_by = author
    notes.save(update_fields=["summary", "summary_by"])
    _publish_change(session, notes.revision)
    return notes


@transaction.atomic
def privacy_change(*, session: Session, privacy: str, confirmed: bool) -> Session:
    """Change the session's privacy mode. Once notes exist the caller must confirm: the
    change alters who is named (and, off the record, hides the notes) everywhere at once."""
    if privacy not in PrivacyMode.values:
        raise ValidationError({"privacy": _("Choose how the notes may be shared.")})
    if privacy == session.privacy:
        return session
    has_notes = SessionNotes.objects.filter(session=session, revision__gt=0).exists()
    if has_notes and not confirmed:
        raise PrivacyNeedsConfirmation
    Session.objects.filter(pk=session.pk).update(privacy=privacy)
    session.privacy = privacy
    _publish_change(session, 0)
    return session
