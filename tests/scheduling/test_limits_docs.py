from __future__ import annotations

import re
from pathlib import Path

from oneteam.scheduling import limits

DOCS = Path(__file__).resolve().parents[2] / "docs" / "scheduling-limits.md"


def test_every_limit_is_documented() -> None:
    names = {name for name in vars(limits) if re.fullmatch(r"MAX_[A-Z_]+", name)}
    text = DOCS.read_text(encoding="utf-8")
    assert sorted(name for name in names if f"`{name}`" not in text) == []
