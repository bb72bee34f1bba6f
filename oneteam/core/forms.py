"""GOV.UK Frontend rendering for Django forms: `{{ form }}` gives GOV.UK markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.renderers import TemplatesSetting

# First match wins, so a subclass comes before its base (CheckboxSelectMultiple is a
# RadioSelect: listed after it, checkboxes got the radio class and never showed a tick).
_WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
    forms.FileInput: "govuk-file-upload",
}


class GovukFormRenderer(TemplatesSetting):
    # TemplatesSetting (not DjangoTemplates) so the project's oneteam/templates/forms/ is found;
    # it needs "django.forms" in INSTALLED_APPS for Django's own widget templates.
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


def _css_class_for(widget: forms.Widget) -> str:
    for widget_type, css_class in _WIDGET_CLASSES.items():
        if isinstance(widget, widget_type):
            return css_class
    return "govuk-input"


# Form mixins are typed as forms (so mypy knows `fields`, `errors`, `full_clean`...) but stay plain
# classes at run time, where the form class they are mixed into supplies all of that.
if TYPE_CHECKING:
    FormMixinBase = forms.BaseForm
else:
    FormMixinBase = object


def typed_field[F: forms.Field](form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's field `name`, known to be a `kind` (a ModelChoiceField, an IntegerField...), so
    its own attributes (`queryset`, `min_value`, `choices`) can be set. `form.fields` says only
    `Field`; a field of another kind is a programming error, raised at once."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}; expected {kind.__name__}")
    return field


class GovukFormMixin(FormMixinBase):
    """Adds GOV.UK classes to widgets and links each error message to its field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            base = _css_class_for(field.widget)
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{base} {existing}".strip()

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} govuk-input--error".strip()
            auto_id = self[name].auto_id
            described = widget.attrs.get("aria-describedby", "")
            widget.attrs["aria-describedby"] = f"{described} {auto_id}-error".strip()


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass
