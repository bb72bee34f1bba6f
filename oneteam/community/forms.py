"""Forms for posting, reporting and moderating (GOV.UK markup). Length and emptiness are
checked again by the services, which are the one write path."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oneteam.community.models import POST_MAX_LENGTH, Sanction
from oneteam.core.forms import GovukForm
from oneteam.members.services import HANDLE_MAX_LENGTH

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise  # the stubs' name for a lazy string

_BODY_ERRORS = {
    "required": _("Write something before posting"),
    "max_length": _("Posts can be at most 100,000 characters"),
}


def _body(label: str | _StrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "You can use Markdown for links and lists. Mention a member with @ and "
            "their profile address."
        ),
        error_messages=_BODY_ERRORS,
        strip=True,
    )


class ThreadForm(GovukForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        error_messages={
            "required": _("Give the thread a title"),
            "max_length": _("Keep the title to 150 characters"),
        },
    )
    body = _body(_("Your post"))
    chatham_house = forms.BooleanField(
        label=_("Chatham House Rule: replies show no names, except to moderators"),
        required=False,
    )
    anonymous = forms.BooleanField(
        label=_("Post anonymously"),
        required=False,
        help_text=_(
            "Other members see a pseudonym. Two moderators together can find out "
            "who you are if the code of conduct is broken, and you would be told."
        ),
    )

    def __init__(self, *args: Any, allow_anonymous: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not allow_anonymous:
            del self.fields["anonymous"]


class ReplyForm(GovukForm):
    body = _body(_("Your reply"))
    anonymous = ThreadForm.base_fields["anonymous"]

    def __init__(self, *args: Any, allow_anonymous: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not allow_anonymous:
            del self.fields["anonymous"]


class EditForm(GovukForm):
    body = _body(_("Your post"))


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Give a reason"),
            "max_length": _("Keep the reason to 2,000 characters"),
        },
    )


class SanctionForm(ReasonForm):
    kind = forms.ChoiceField(
        label=_("Action"),
        choices=Sanction.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a warning, a suspension or a ban")},
    )
    days = forms.IntegerField(
        label=_("Days of suspension"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Only for a suspension."),
        error_messages={
            "min_value": _("Suspend for between 1 and 365 days"),
            "max_value": _("Suspend for between 1 and 365 days"),
            "invalid": _("Enter the number of days as a whole number, like 7"),
        },
    )
    field_order = ["kind", "days", "reason"]


class PrivateSpaceForm(GovukForm):
    name = forms.CharField(
        label=_("Name"), max_length=100, error_messages={"required": _("Name the space")}
    )
    description = forms.CharField(
        label=_("What is it for?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SpaceSettingsForm(PrivateSpaceForm):
    allow_anonymous = forms.BooleanField(
        label=_("Allow anonymous posts"),
        required=False,
        help_text=_(
            "Members may post under a pseudonym. Two moderators together can find out who "
            "wrote an anonymous post, and the author is told."
        ),
    )


class InviteForm(GovukForm):
    handle = forms.SlugField(
        label=_("Profile address of the member to invite"),
        max_length=HANDLE_MAX_LENGTH,
        help_text=_("For example: ada-l"),
        error_messages={
            "required": _("Enter the profile address of the member to invite"),
            "invalid": _("A profile address has only letters, numbers and hyphens"),
        },
    )


class ConductForm(GovukForm):
    accept = forms.BooleanField(
        label=_("I have read the code of conduct and will follow it"),
        error_messages={"required": _("Tick the box to accept the code of conduct")},
    )


class SearchForm(GovukForm):
    q = forms.CharField(label=_("Search discussions"), max_length=200, required=False)


class NotificationSettingsForm(GovukForm):
    email_replies = forms.BooleanField(
        label=_("Email me when someone replies to a thread I follow or mentions me"),
        required=False,
    )
    daily_digest = forms.BooleanField(
        label=_("Email me a daily digest of new posts in the threads I follow"), required=False
    )
