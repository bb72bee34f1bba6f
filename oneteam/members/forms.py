from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.core.forms import GovukForm, GovukModelForm, typed_field
from oneteam.core.text import clean_display_name
from oneteam.members.models import Profile
from oneteam.members.selectors import disciplines_in_order
from oneteam.members.services import HANDLE_MAX_LENGTH, handle_is_available

HANDLE_FORMAT_ERROR = _("Profile address must use only lowercase letters, numbers and hyphens")


class ProfileForm(GovukModelForm):
    chapters = forms.ModelMultipleChoiceField(
        label=_("Chapters you follow"),
        help_text=_("You will hear about their events. Select all that apply."),
        queryset=Chapter.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "handle",
            "pronouns",
            "discipline",
            "organisation",
            "role",
            "ask_me_about",
            "working_to_change",
            "visibility",
        ]
        widgets = {
            "discipline": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "ask_me_about": forms.Textarea(attrs={"rows": 3}),
            "working_to_change": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "display_name": _("Display name"),
            "handle": _("Profile address"),
            "pronouns": _("Pronouns (optional)"),
            "discipline": _("Primary discipline"),
            "organisation": _("Organisation (optional)"),
            "role": _("Role (optional)"),
            "ask_me_about": _("Ask me about (optional)"),
            "working_to_change": _("What I'm working to change (optional)"),
            "visibility": _("Who can see your profile"),
        }
        help_texts = {
            "display_name": _("The name other members will see, for example 'Ada Lovelace'."),
            "handle": _(
                "Your profile's web address, using lowercase letters, numbers and hyphens. "
                "Leave it blank and we will make one from your display name."
            ),
            "pronouns": _("For example, she/her, he/him or they/them."),
            "role": _("For example, 'Senior policy adviser' or 'Service designer'."),
            "ask_me_about": _("Topics you are happy to talk about with other members."),
            "working_to_change": _("The change in public services you are working towards."),
        }
        error_messages = {
            "display_name": {"required": _("Enter your display name")},
            "discipline": {"required": _("Select your primary discipline")},
            "visibility": {"required": _("Select who can see your profile")},
            "handle": {"invalid": HANDLE_FORMAT_ERROR},
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["handle"].required = False
        discipline = typed_field(self, "discipline", forms.ModelChoiceField)
        discipline.required = True
        discipline.empty_label = None
        discipline.queryset = disciplines_in_order()
        typed_field(self, "visibility", forms.ChoiceField).choices = Profile.Visibility.choices
        organised = ChapterMembership.objects.filter(
            user=user, role=ChapterMembership.Role.ORGANISER
        ).values("chapter_id")
        # Chapters the member organises are not offered: this form never changes an organiser.
        chapters = typed_field(self, "chapters", forms.ModelMultipleChoiceField)
        chapters.queryset = Chapter.objects.exclude(pk__in=organised).order_by("name")
        chapters.initial = list(
            ChapterMembership.objects.filter(
                user=user, role=ChapterMembership.Role.MEMBER
            ).values_list("chapter_id", flat=True)
        )
        if not chapters.queryset.exists():
            del self.fields["chapters"]

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"])

    def clean_handle(self) -> str:
        raw: str = self.cleaned_data.get("handle", "").strip()
        if not raw:
            return ""
        handle = slugify(raw)
        if handle != raw.lower() or len(handle) > HANDLE_MAX_LENGTH:
            raise forms.ValidationError(HANDLE_FORMAT_ERROR)
        if not handle_is_available(handle, user=self.user):
            raise forms.ValidationError(
                _("Profile address '%(handle)s' is already taken - choose another"),
                params={"handle": handle},
            )
        return handle

    def validate_unique(self) -> None:
        """Uniqueness of the handle is checked in clean_handle, with a clearer message."""


class DirectorySearchForm(GovukForm):
    q = forms.CharField(label=_("Search members"), required=False, max_length=200)
    discipline = forms.MultipleChoiceField(
        label=_("Discipline"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Search by name, organisation, role or 'ask me about'.")
        typed_field(self, "discipline", forms.MultipleChoiceField).choices = [
            (discipline.slug, discipline.name) for discipline in disciplines_in_order()
        ]
