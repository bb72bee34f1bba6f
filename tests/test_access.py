"""Walks the URL configuration: each route-by-persona gets exactly the expected answer."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.access import LOGIN, PERSONAS, Route, walk_urls

TESTS_DIR = Path(__file__).parent
# Django's admin has its own access control, tested by Django; we check its front door only.
# Its routes are named "admin:..." or, when unnamed, keyed by their pattern "admin/...".
ADMIN_PREFIXES = ("admin:", "admin/")


def declared_routes() -> dict[str, Route]:
    routes: dict[str, Route] = {}
    for module_info in pkgutil.iter_modules([str(TESTS_DIR)]):
        if not module_info.ispkg:
            continue
        try:
            module = importlib.import_module(f"tests.{module_info.name}.access")
        except ModuleNotFoundError:
            continue
        for declared in module.ROUTES:
            if declared.key in routes:
                raise AssertionError(f"route {declared.key!r} declared twice")
            routes[declared.key] = declared
    return routes


ROUTES = declared_routes()


def test_every_route_has_an_access_row():
    served = {entry.key for entry in walk_urls() if not entry.key.startswith(ADMIN_PREFIXES)}
    missing = sorted(served - set(ROUTES))
    assert missing == [], f"routes with no access expectation: {missing}"


def test_every_access_row_is_a_served_route():
    served = {entry.key for entry in walk_urls()}
    stale = sorted(set(ROUTES) - served)
    assert stale == [], f"access rows for routes that no longer exist: {stale}"


@dataclass
class World:
    member: object
    other_member: object
    organiser: object
    moderator: object
    chapter: object
    event: object
    chapter_moderator: object


@pytest.fixture
def world(member, other_member, organiser, moderator, chapter, event, chapter_moderator) -> World:
    return World(member, other_member, organiser, moderator, chapter, event, chapter_moderator)


def _client_for(persona: str, world: World) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    return client


def _url(declared: Route, world: World) -> str:
    kwargs = declared.kwargs(world) if declared.kwargs else {}
    entries = {entry.key: entry for entry in walk_urls()}
    entry = entries[declared.key]
    if entry.name is None:
        return "/" + entry.pattern
    return reverse(entry.name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("key", sorted(ROUTES))
def test_route_answers_persona_as_declared(key, persona, world):
    declared = ROUTES[key]
    client = _client_for(persona, world)
    url = _url(declared, world)
    data = declared.data(world) if declared.data else {}
    response = getattr(client, declared.method)(url, data)
    expected = declared.expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302, f"{key} as {persona}: {response.status_code}"
        assert response["Location"].startswith(reverse(settings.LOGIN_URL)), response["Location"]
    else:
        assert response.status_code == expected, f"{key} as {persona}: {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_is_closed_to_everyone_but_staff(persona, world):
    response = _client_for(persona, world).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
