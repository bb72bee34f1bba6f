"""Cleaning text people type before it is stored or sent on."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls: they break XML (the Atom feed),
# CSV readers and terminals, and nobody means to type them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Line endings made "\\n" and control characters removed."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
