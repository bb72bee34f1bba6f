"""Saving a model the way every form-backed write does: set the fields, validate, save."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Model


def save_validated[M: Model](instance: M, fields: Mapping[str, Any]) -> M:
    """Set `fields` on `instance`, run its model validation (ValidationError, nothing saved,
    when a value is wrong) and save it. Returns the instance."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance
