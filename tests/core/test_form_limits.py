"""Every text field of every form has a length limit; test_text.py checks the hint says it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import oneteam
from oneteam.core.forms import GovukFormMixin


def _form_classes() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for app in pkgutil.iter_modules(oneteam.__path__):
        if not app.ispkg:
            continue
        try:
            module = importlib.import_module(f"oneteam.{app.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, GovukFormMixin)
                and issubclass(cls, forms.BaseForm)
                and cls.__module__ == module.__name__
                and not name.startswith("_")
            ):
                found[f"{module.__name__}.{name}"] = cls
    return [found[key] for key in sorted(found)]


FORMS = _form_classes()


def test_the_walk_finds_the_forms_of_every_app():
    apps = {cls.__module__.split(".")[1] for cls in FORMS}
    assert {"chapters", "events", "members", "programme", "timetable"} <= apps


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: cls.__name__)
def test_every_text_field_has_a_length_limit(form_class):
    unlimited = [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField)
        and field.max_length is None
        # A password is never stored or shown as typed: the sign-in forms own its rules.
        and not isinstance(field.widget, forms.PasswordInput)
    ]
    assert unlimited == []
