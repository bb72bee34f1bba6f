from __future__ import annotations

from django import template

from oneteam.members.models import Discipline

register = template.Library()

# GOV.UK tag colours per discipline, so a discipline reads the same everywhere. Disciplines an
# admin adds later fall back to grey.
_TAG_COLOURS = {
    "policy": "govuk-tag--blue",
    "digital": "govuk-tag--purple",
    "delivery": "govuk-tag--green",
    "data": "govuk-tag--turquoise",
    "design": "govuk-tag--pink",
    "research": "govuk-tag--orange",
    "operations": "govuk-tag--yellow",
}


@register.filter
def discipline_tag_class(discipline: Discipline | None) -> str:
    if discipline is None:
        return "govuk-tag--grey"
    return _TAG_COLOURS.get(discipline.slug, "govuk-tag--grey")
