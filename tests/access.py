"""The route-by-persona access matrix: every URL the app serves has a row, or a test fails.

Each app's tests declare their rows in `tests/<app>/access.py` as a list named ROUTES:

    ROUTES = [
        route("members:directory", anonymous=LOGIN, member=200, organiser=200, moderator=200),
        route("members:profile", kwargs=lambda w: {"handle": w.member.profile.handle}, ...),
        route("accounts:sign_out_everywhere", method="post", anonymous=LOGIN, member=302, ...),
    ]

Expectations are status codes, or LOGIN for "redirected to sign in". The chapter moderator is a
member who moderates one chapter's spaces and nothing else: a row that names no expectation for
them expects what the member gets. `kwargs` receives the
World (personas and a small set of objects) and returns the URL's arguments. Routes without a
name are keyed by their full pattern string (`key="accounts/social/signup/"`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

PERSONAS = ("anonymous", "member", "organiser", "moderator", "chapter_moderator")
LOGIN = "login"


@dataclass(frozen=True)
class Route:
    key: str
    expect: dict[str, int | str]
    kwargs: Callable[[Any], dict[str, Any]] | None = None
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] | None = None
    follow_prefix: bool = False


def route(
    key: str,
    *,
    kwargs: Callable[[Any], dict[str, Any]] | None = None,
    method: str = "get",
    data: Callable[[Any], dict[str, Any]] | None = None,
    prefix: bool = False,
    **expect: int | str,
) -> Route:
    if "chapter_moderator" not in expect and "member" in expect:
        expect["chapter_moderator"] = expect["member"]
    missing = set(PERSONAS) - set(expect)
    if missing:
        raise ValueError(f"route {key!r} has no expectation for {', '.join(sorted(missing))}")
    return Route(key, dict(expect), kwargs, method, data, prefix)


@dataclass(frozen=True)
class UrlEntry:
    key: str
    name: str | None
    pattern: str
    lookup: str | None = field(default=None)


def walk_urls() -> Iterator[UrlEntry]:
    """Every endpoint of the URL configuration, with its namespaced name and full pattern."""

    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> Iterator[UrlEntry]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                full = prefix + str(pattern.pattern)
                if pattern.name:
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                    yield UrlEntry(name, name, full)
                else:
                    yield UrlEntry(full, None, full)

    yield from walk(get_resolver().url_patterns, "", None)
