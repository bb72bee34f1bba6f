from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm

from oneteam.core.htmx import is_htmx as is_htmx  # shared with the timetable views


def add_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the named field if the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
