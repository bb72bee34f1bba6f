"""The pages to sweep, derived from the access matrix so that a new page is swept automatically.

A page is a route whose row in tests/<app>/access.py expects a GET to answer 200 for a persona;
it is swept as each persona that can see it.
"""

from __future__ import annotations

from tests.access import PERSONAS
from tests.test_access import ROUTES


def personas_who_see(route_key: str) -> list[str]:
    declared = ROUTES[route_key]
    return [persona for persona in PERSONAS if declared.expect[persona] == 200]


def page_routes() -> list[str]:
    """The routes some persona can GET, in a stable order."""
    return sorted(
        key
        for key, declared in ROUTES.items()
        if declared.method == "get" and personas_who_see(key)
    )
