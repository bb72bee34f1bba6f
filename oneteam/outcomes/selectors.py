"""Reads for outcomes: notes and their history, diffs, with names only where privacy allows."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet

from oneteam.accounts.models import User
from oneteam.events.models import Event
from oneteam.outcomes import rules
from oneteam.outcomes.models import Action, Feedback, NoteRevision, SessionNotes
from oneteam.programme.models import Session

if TYPE_CHECKING:
    from oneteam.outcomes.rules import Viewer


def notes_for(*, session: Session) -> SessionNotes:
    """The session's notes; an unsaved empty row (revision 0) before the first save."""
    found = SessionNotes.objects.filter(session=session).first()
    return found if found is not None else SessionNotes(session=session)


@dataclass(frozen=True)
class RevisionView:
    number: int
    created_at: object
    # None when the viewer may not see who wrote it.
    author: str | None


def revisions(*, session: Session, user: Viewer) -> list[RevisionView]:
    """The notes' history, newest first; authors only where `rules.shows_names` allows."""
    names = rules.shows_names(user=user, session=session)
    rows = NoteRevision.objects.filter(notes__session=session).select_related("author__profile")
    return [
        RevisionView(
            number=row.number,
            created_at=row.created_at,
            author=(str(row.author) if row.author else None) if names else None,
        )
        for row in rows.order_by("-number")
    ]


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "context" or "hunk"
    text: str


def revision_text(*, session: Session, number: int) -> str | None:
    if number == 0:
        return ""
    return (
        NoteRevision.objects.filter(notes__session=session, number=number)
        .values_list("text", flat=True)
        .first()
    )


def diff(*, old: str, new: str) -> list[DiffLine]:
    """A line-by-line unified diff of two texts, each line marked for the page."""
    lines: list[DiffLine] = []
    changes = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=2)
    for line in list(changes)[2:]:  # skip the ---/+++ file headers
        if line.startswith("@@"):
            lines.append(DiffLine("hunk", line))
        elif line.startswith("+"):
            lines.append(DiffLine("added", line[1:]))
        elif line.startswith("-"):
            lines.append(DiffLine("removed", line[1:]))
        else:
            lines.append(DiffLine("context", line[1:]))
    return lines


def host_names(*, session: Session, user: Viewer, organiser: bool | None = None) -> list[str]:
    """The hosts' names if the viewer may see them (hosts must have been prefetched)."""
    if not rules.shows_names(user=user, session=session, organiser=organiser):
        return []
    return [str(host) for host in session.hosts.all()]


def _people() -> QuerySet[User]:
    return User.objects.select_related("profile").order_by("profile__display_name", "pk")


def published_sessions(*, event: Event) -> QuerySet[Session]:
    """Every pitched session with its hosts, its notes and its public action counts.

    A fixed number of queries however many sessions there are (tested with 6 and 60)."""
    public = Q(actions__is_public=True)
    return (
        Session.objects.filter(event=event, status=Session.Status.PITCHED)
        .select_related("notes")
        .prefetch_related(
            Prefetch("hosts", queryset=_people()),
            Prefetch(
                "actions",
                queryset=Action.objects.filter(is_public=True).select_related("owner__profile"),
                to_attr="public_actions",
            ),
        )
        .annotate(
            actions_done=Count("actions", filter=public & Q(actions__status=Action.Status.DONE)),
            actions_open=Count("actions", filter=public & Q(actions__status=Action.Status.OPEN)),
        )
        .order_by("created_at", "pk")
    )


def my_actions(*, event: Event, user: User) -> QuerySet[Action]:
    return Action.objects.filter(event=event, owner=user).select_related("session")


def event_actions(*, event: Event) -> QuerySet[Action]:
    """Public actions not tied to a session, with their owners."""
    return Action.objects.filter(event=event, is_public=True, session__isnull=True).select_related(
        "owner__profile"
    )


def feedback_for(*, event: Event, user: User) -> Feedback | None:
    return Feedback.objects.filter(event=event, user=user).first()


@dataclass(frozen=True)
class FeedbackResults:
    count: int
    average: float | None
    # (rating, how many) from 5 down to 1
    distribution: list[tuple[int, int]]
    comments: list[str]


def feedback_results(*, event: Event) -> FeedbackResults:
    rows = list(Feedback.objects.filter(event=event).order_by("-updated_at"))
    counts = {rating: 0 for rating in range(1, 6)}
    for row in rows:
        counts[row.rating] += 1
    average = round(sum(row.rating for row in rows) / len(rows), 1) if rows else None
    return FeedbackResults(
        count=len(rows),
        average=average,
        distribution=[(rating, counts[rating]) for rating in range(5, 0, -1)],
        comments=[row.text for row in rows if row.text.strip()],
    )
