"""Which requests the public door (`oneteam.live.public`) serves, and the headers it sends.

A request is served there only if nothing in it needs Django's middleware (`anonymous_request`)
and Django would route its path to the stream view (`channel_in`); everything else goes to
Django. The headers are the ones Django's middleware puts on the view's response, built by the
middleware classes themselves once per language and scheme (`stream_headers`).
"""

from __future__ import annotations

import functools
import io
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.asgi import ASGIRequest
from django.core.signals import setting_changed
from django.http import StreamingHttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.locale import LocaleMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

from oneteam.live.public_stream import Scope

# The stream view's name in the URL configuration (oneteam/live/urls.py): matched by name so
# that this door need not import Django's view.
STREAM_VIEW_NAME = "live:stream"

# Paths are chosen by the client and `<str:channel>` matches any run of non-slashes: only
# short paths are remembered, and only the most recent few, so junk cannot fill memory.
LONGEST_CACHED_PATH = 200


def channel_in(path: str) -> str | None:
    """The channel, if Django would route this path to the stream view: resolved once a path."""
    if len(path) > LONGEST_CACHED_PATH:
        return _resolve_channel(path)
    return _cached_channel(path)


@functools.lru_cache(maxsize=1024)
def _cached_channel(path: str) -> str | None:
    return _resolve_channel(path)


def _resolve_channel(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.kwargs["channel"] if match.view_name == STREAM_VIEW_NAME else None


def anonymous_request(scope: Scope) -> ASGIRequest | None:
    """A Django request for the scope, when nothing in it needs Django's middleware."""
    request = ASGIRequest(scope, io.BytesIO())
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    try:
        request.get_host()  # CommonMiddleware's check of ALLOWED_HOSTS: Django answers 400
    except DisallowedHost:
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None  # SecurityMiddleware redirects (or knows the exemptions)
    if _CSRF in settings.MIDDLEWARE:
        # A malformed CSRF cookie is replaced on any response: Django's Set-Cookie to send.
        CsrfViewMiddleware(_unused).process_request(request)
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return None
    return request


# --- Headers: the ones Django's middleware puts on the view's response, built once per kind ---

_HEADERS: dict[tuple[str, bool], list[tuple[bytes, bytes]]] = {}


def stream_headers(request: ASGIRequest) -> list[tuple[bytes, bytes]]:
    """The headers Django would send an anonymous viewer of the stream, as ASGI pairs."""
    # What the headers depend on: the language (Content-Language) and HTTPS (HSTS).
    language = translation.get_language_from_request(request)
    key = (language, request.is_secure())
    headers = _HEADERS.get(key)
    if headers is None:
        headers = _HEADERS[key] = _build_headers(request, language)
    return headers


def _build_headers(request: ASGIRequest, language: str) -> list[tuple[bytes, bytes]]:
    """The view's headers, then each header-writing middleware's, in Django's order.

    Uses the middleware classes themselves, so a changed setting changes both paths alike; a
    middleware added to settings.MIDDLEWARE that writes headers fails the equality test.
    """
    response = StreamingHttpResponse((), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    with translation.override(language):
        for path in reversed(settings.MIDDLEWARE):
            if path == "django.contrib.sessions.middleware.SessionMiddleware":
                # The view reads the session (to find the viewer): Django adds Vary: Cookie.
                patch_vary_headers(response, ("Cookie",))
            elif (middleware := _RESPONSE_MIDDLEWARE.get(path)) is not None:
                response = middleware(_unused).process_response(request, response)
    return [(name.encode("ascii"), value.encode("latin1")) for name, value in response.items()]


def _unused(request: Any) -> Any:
    raise AssertionError("only process_response is called")


_CSRF = "django.middleware.csrf.CsrfViewMiddleware"
_RESPONSE_MIDDLEWARE: dict[str, Any] = {
    "django.middleware.security.SecurityMiddleware": SecurityMiddleware,
    "django.middleware.csp.ContentSecurityPolicyMiddleware": ContentSecurityPolicyMiddleware,
    "django.middleware.locale.LocaleMiddleware": LocaleMiddleware,
    "django.middleware.clickjacking.XFrameOptionsMiddleware": XFrameOptionsMiddleware,
}


def _forget_headers(**kwargs: Any) -> None:
    _HEADERS.clear()
    _cached_channel.cache_clear()  # ROOT_URLCONF may have changed


setting_changed.connect(_forget_headers)
