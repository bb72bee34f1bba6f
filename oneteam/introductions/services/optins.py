"""Opting in to and out of introduction rounds, and a member's choices on an introduction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.introductions.models import Introduced, OptIn

NO_DISCIPLINE = "no-discipline"


def opt_in_set(*, user: User, chapter: Chapter | None, meeting: str, frequency: str) -> OptIn:
    """Take part in the rounds of `chapter` (None: community-wide) with these choices; asking
    again updates the choices, so a retry is safe.

    Refused, changing nothing: a member without a discipline on their profile (the rounds pair
    people across disciplines), a chapter the member does not follow, and meeting in person
    community-wide without following a chapter to meet in.
    """
    if meeting not in OptIn.Meeting.values or frequency not in OptIn.Frequency.values:
        raise ValidationError(_("Choose how to meet and how often."))
    profile = getattr(user, "profile", None)
    if profile is None or profile.discipline_id is None:
        raise ValidationError(
            _(
                "Add your discipline to your profile before you opt in: introductions bring "
                "together people from different disciplines."
            ),
            code=NO_DISCIPLINE,
        )
    follows = ChapterMembership.objects.filter(user=user)
    if chapter is not None and not follows.filter(chapter=chapter).exists():
        raise ValidationError(
            _("Follow %(chapter)s before you opt in to its introductions.")
            % {"chapter": chapter.name}
        )
    if chapter is None and meeting == OptIn.Meeting.IN_PERSON and not follows.exists():
        raise ValidationError(
            _("To meet in person, follow the chapter where you would like to meet first.")
        )
    with transaction.atomic():
        opt_in, _created = OptIn.objects.update_or_create(
            user=user, chapter=chapter, defaults={"meeting": meeting, "frequency": frequency}
        )
    return opt_in


def opt_out(*, user: User, chapter: Chapter | None) -> bool:
    """Leave the rounds of `chapter` (None: community-wide). True if the member was in them.
    A round already under way drops them when it finishes."""
    deleted, _details = OptIn.objects.filter(user=user, chapter=chapter).delete()
    return deleted > 0


def share_email_set(*, introduced: Introduced, share: bool) -> Introduced:
    """Whether this person shares their email address with the others of the introduction
    (each sees another's address only when both share)."""
    Introduced.objects.filter(pk=introduced.pk).update(share_email=share)
    introduced.share_email = share
    return introduced


ANSWERS = (Introduced.Outcome.MET, Introduced.Outcome.NOT_YET, Introduced.Outcome.WONT)


def outcome_record(*, introduced: Introduced, outcome: str) -> Introduced:
    """Record this person's answer to "did you meet?"; answering again replaces it."""
    if outcome not in ANSWERS:
        raise ValidationError(_("Choose whether you met."))
    now = timezone.now()
    Introduced.objects.filter(pk=introduced.pk).update(outcome=outcome, answered_at=now)
    introduced.outcome = outcome
    introduced.answered_at = now
    return introduced
