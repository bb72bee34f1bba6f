"""Slugs from requests are checked before they reach a query (PostgreSQL refuses a NUL byte)."""

from __future__ import annotations

import pytest

from oneteam.core.params import parse_slug


@pytest.mark.parametrize("raw", ["community", "london-unconference", "a_b-9"])
def test_parse_slug_keeps_a_slug(raw):
    assert parse_slug(raw) == raw


@pytest.mark.parametrize("raw", ["", "nul\x00byte", "two words", "ünïcode", "x" * 201, None, 3])
def test_parse_slug_refuses_anything_else(raw):
    assert parse_slug(raw) is None
