"""The pages people see when something goes wrong: what happened and what to do next.

400, 403, 404 and the CSRF refusal render in the site's layout with the request (navigation,
sign-in state). The 500 page is a standalone template rendered without the request or any
context processor, so it shows even when the database is what failed.
"""

from __future__ import annotations

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


def _page(request: HttpRequest, template: str) -> str:
    return loader.render_to_string(template, request=request)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseBadRequest(_page(request, "400.html"))


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseForbidden(_page(request, "403.html"))


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseNotFound(_page(request, "404.html"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token (a page left open, or cookies blocked)."""
    return HttpResponseForbidden(_page(request, "403_csrf.html"))


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request: no context processor runs, so no query is made."""
    return HttpResponseServerError(loader.get_template("500.html").render())
