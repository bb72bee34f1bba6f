"""htmx requests: telling them apart, and answering a page or its fragment from one URL.

htmx refetches a fragment from the page's own address with an `HX-Request: true` header, so the
two answers share a URL: `Vary: HX-Request` keeps caches (the browser's back button included)
from serving one for the other.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ["HX-Request"])
    return response


def render_page_or_fragment(
    request: HttpRequest, page_template: str, fragment_template: str, context: dict[str, Any]
) -> HttpResponse:
    """The page, or for htmx only the fragment (a template or a `page.html#partial`)."""
    template = fragment_template if is_htmx(request) else page_template
    return vary_on_htmx(render(request, template, context))
