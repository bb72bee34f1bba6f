"""Small typed readers of model metadata."""

from __future__ import annotations

from django.db import models


def max_length(model: type[models.Model], field_name: str) -> int:
    """The declared `max_length` of a model's text field, for limits checked before saving.
    A field without one is a programming error, raised at import time by the module asking."""
    field = model._meta.get_field(field_name)
    length = field.max_length if isinstance(field, models.Field) else None
    if length is None:
        raise TypeError(f"{model.__name__}.{field_name} declares no max_length")
    return length
