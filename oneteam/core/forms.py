"""GOV.UK Frontend rendering for Django forms: `{{ form }}` gives GOV.UK markup."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from oneteam.core.text import MultiLineValidator, SingleLineValidator, normalise_newlines

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


def _normalising(to_python: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def wrapped(value: Any) -> Any:
        result = to_python(value)
        return normalise_newlines(result) if isinstance(result, str) else result

    return wrapped


def _is_plain_text(field: forms.Field) -> bool:
    # Fields with a format of their own (email, URL, slug, codes: CharField subclasses) keep
    # their own validation and hints.
    return type(field) is forms.CharField


def apply_text_rules(field: forms.Field, name: str) -> None:
    """The text rule of oneteam.core.text on a plain text field: no control characters (but
    new lines and tabs in a textarea, whose CR LF become LF)."""
    if not _is_plain_text(field):
        return
    label = str(field.label or name.replace("_", " ").capitalize())
    # Ours refuses NUL too, with the field's name: one message, not two.
    field.validators = [
        v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
    ]
    if isinstance(field.widget, forms.Textarea):
        field.to_python = _normalising(field.to_python)  # type: ignore[method-assign,assignment]
        field.validators.append(MultiLineValidator(label))
    else:
        field.validators.append(SingleLineValidator(label))


class GovukBoundField(BoundField):
    """A text field's hint ends with its length limit ("At most 120 characters."). Added here,
    when the field is shown, so a form's __init__ may still set its own help text."""

    def __init__(self, form: forms.BaseForm, field: forms.Field, name: str) -> None:
        super().__init__(form, field, name)
        max_length = getattr(field, "max_length", None)
        if _is_plain_text(field) and max_length and not field.widget.is_hidden:
            limit = _("At most %(count)s characters.") % {"count": f"{max_length:,}"}
            self.help_text = f"{self.help_text} {limit}" if self.help_text else limit


class GovukFormMixin(FormMixinBase):
    """Adds GOV.UK classes to widgets, links each error message to its field and applies the
    text rule (oneteam.core.text) to every text field."""

    bound_field_class = GovukBoundField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            base = _css_class_for(field.widget)
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{base} {existing}".strip()
            apply_text_rules(field, name)

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


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on the form the page shows: on the named field if the form has
    it, else at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
