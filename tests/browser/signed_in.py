"""A page signed in as someone, for journeys where more than one person uses the site."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from playwright.sync_api import BrowserContext, Page

if TYPE_CHECKING:
    from tests.browser.conftest import BrowserProblems


def signed_in_page(
    new_context: Callable[..., BrowserContext],
    sign_in: Callable[[BrowserContext, Any], None],
    problems: BrowserProblems,
    user: Any,
    **options: Any,
) -> Page:
    """A page in a fresh browser context (its own cookies) signed in as user and watched for
    CSP violations and script errors; options go to the context (java_script_enabled=False)."""
    context = new_context(**options)
    sign_in(context, user)
    page = context.new_page()
    problems.watch(page)
    return page
