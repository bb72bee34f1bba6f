"""One rule for text that people type, and the same rule for text that leaves the site.

Input (checked by every GOV.UK form through `GovukFormMixin`, see `apply_text_rules`):

- a single-line field refuses control characters (Unicode category Cc: CR, LF, NUL, tab…) and
  the bidi embedding, override and isolate characters, which can make text read backwards;
- a multi-line field (a textarea) allows new lines and tabs but no other control character;
  browsers send new lines as CR LF, so they are stored as LF;
- every text field has a length limit, which its hint tells the person.

Display names have a stricter rule (`clean_display_name`): NFKC-normalised, and no invisible
character (Unicode category Cf: zero-width spaces and joiners, bidi marks, soft hyphens).

Output builders (calendars, feeds, email headers, CSV) must not trust what is stored, since it
may predate these rules: `single_line`, `xml_safe` and `spreadsheet_cell` make any text safe
for them.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). The plain marks
# (LRM, RLM, ALM) are allowed in ordinary text: right-to-left scripts need them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
MULTI_LINE_ALLOWED = frozenset("\n\t")

SINGLE_LINE_ERROR = _(
    "%(label)s must be on one line and must not contain invisible or control characters"
)
MULTI_LINE_ERROR = _("%(label)s must not contain invisible or control characters")


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def single_line_refusal(text: str) -> bool:
    """True if the text has a character a single-line field refuses."""
    return any(_is_control(c) or c in BIDI_CONTROLS for c in text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def multi_line_refusal(text: str) -> bool:
    """True if the (newline-normalised) text has a character a multi-line field refuses."""
    return any((_is_control(c) and c not in MULTI_LINE_ALLOWED) or c in BIDI_CONTROLS for c in text)


class SingleLineValidator:
    def __init__(self, label: str) -> None:
        self.label = label

    def __call__(self, value: str) -> None:
        if isinstance(value, str) and single_line_refusal(value):
            raise ValidationError(
                SINGLE_LINE_ERROR, code="control_characters", params={"label": self.label}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SingleLineValidator) and other.label == self.label


class MultiLineValidator:
    def __init__(self, label: str) -> None:
        self.label = label

    def __call__(self, value: str) -> None:
        if isinstance(value, str) and multi_line_refusal(normalise_newlines(value)):
            raise ValidationError(
                MULTI_LINE_ERROR, code="control_characters", params={"label": self.label}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MultiLineValidator) and other.label == self.label


# --- Display names ---------------------------------------------------------------------------


def clean_display_name(raw: str) -> str:
    """The name as stored: NFKC, inner runs of spaces collapsed, trimmed. Raises
    ValidationError for a name with an invisible or control character, or with nothing left."""
    name = unicodedata.normalize("NFKC", raw)
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        raise ValidationError(
            _("Display name must not contain invisible or control characters"),
            code="invisible_characters",
        )
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Enter your display name"), code="required")
    return name


# --- Output ----------------------------------------------------------------------------------

_CONTROL_RUN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_XML_UNSAFE_LINE = re.compile(r"[\x00-\x1f\x7f\ufffe\uffff]")


def single_line(text: str) -> str:
    """The text on one line, for an email header or a calendar's summary: every run of
    control characters (CR, LF, tab…) becomes one space, and bidi controls are dropped."""
    text = _CONTROL_RUN.sub(" ", str(text))
    return "".join(c for c in text if c not in BIDI_CONTROLS).strip()


def multi_line(text: str) -> str:
    """Multi-line text with new lines as LF and no other control or bidi character."""
    text = normalise_newlines(str(text))
    return "".join(
        c
        for c in text
        if c not in BIDI_CONTROLS and (c in MULTI_LINE_ALLOWED or not _is_control(c))
    )


def xml_safe(text: str, *, one_line: bool = False) -> str:
    """Text that XML 1.0 can carry (it forbids most control characters)."""
    return (_XML_UNSAFE_LINE if one_line else _XML_UNSAFE).sub(" " if one_line else "", text)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: one that would start a formula gets a
    leading quote; other control characters (but new lines) are dropped."""
    text = "" if value is None else str(value)
    if text[:1] in _FORMULA_STARTS:
        text = "'" + text
    return "".join(c for c in text if c in "\n\t\r" or not _is_control(c))
