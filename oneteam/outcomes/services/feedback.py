"""An attendee's feedback on the event: one each, which they may change."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from oneteam.accounts.models import User
from oneteam.events.models import Event
from oneteam.outcomes.models import Feedback
from oneteam.outcomes.text import clean_text


class FeedbackExists(Exception):
    """New feedback from someone who already gave some: theirs is kept, unchanged."""

    def __init__(self, existing: Feedback) -> None:
        super().__init__("feedback already given")
        self.existing = existing


def feedback_save(*, event: Event, user: User, rating: int, text: str, editing: bool) -> Feedback:
    """Create the attendee's feedback, or change it when `editing` (the form they opened
    showed what they gave). A second "new" feedback changes nothing and raises FeedbackExists."""
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    text = clean_text(text).strip()
    with transaction.atomic():
        existing = Feedback.objects.select_for_update().filter(event=event, user=user).first()
        if existing is not None:
            if not editing:
                raise FeedbackExists(existing)
            existing.rating, existing.text = rating, text
            existing.save(update_fields=["rating", "text", "updated_at"])
            return existing
        try:
            with transaction.atomic():
                return Feedback.objects.create(event=event, user=user, rating=rating, text=text)
        except IntegrityError:  # a double submit raced us to it
            raise FeedbackExists(Feedback.objects.get(event=event, user=user)) from None
