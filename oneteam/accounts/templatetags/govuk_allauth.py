"""Give allauth's own forms GOV.UK classes, so its pages need no form subclass per form."""

from __future__ import annotations

from django import forms
from django.template import Library

register = Library()

_CLASSES: tuple[tuple[type[forms.Widget], str], ...] = (
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.RadioSelect, "govuk-radios__input"),
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input"),
    (forms.Select, "govuk-select"),
    (forms.Textarea, "govuk-textarea"),
)


def _govuk_class(widget: forms.Widget) -> str:
    for widget_type, css_class in _CLASSES:
        if isinstance(widget, widget_type):
            return css_class
    return "govuk-input"


@register.filter
def govuk_styled(form: forms.BaseForm) -> forms.BaseForm:
    """Add the GOV.UK class to each widget, and point fields in error at their message."""
    for name, field in form.fields.items():
        widget = field.widget
        classes = widget.attrs.get("class", "")
        if "govuk-" not in classes:
            classes = f"{_govuk_class(widget)} {classes}".strip()
        if form.is_bound and name in form.errors and "--error" not in classes:
            classes += " govuk-input--error"
            described = widget.attrs.get("aria-describedby", "")
            widget.attrs["aria-describedby"] = f"{described} {form[name].auto_id}-error".strip()
        widget.attrs["class"] = classes
        # allauth's placeholders repeat the label; GOV.UK advises against placeholders.
        widget.attrs.pop("placeholder", None)
    return form
