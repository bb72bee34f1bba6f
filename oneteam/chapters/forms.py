from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from oneteam.chapters.models import ChecklistItem, OrganiserCall
from oneteam.core.forms import GovukModelForm
from oneteam.core.params import validate_year_in_range


class ChecklistItemForm(GovukModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["title", "area", "days_before"]
        labels = {"area": _("Area (for example venue, access, catering)")}


class OrganiserCallForm(GovukModelForm):
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("UK time."),
        validators=[validate_year_in_range],
    )

    class Meta:
        model = OrganiserCall
        fields = ["starts_at", "joining_details", "agenda"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 8})}
