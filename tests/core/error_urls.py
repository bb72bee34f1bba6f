"""The site's routes and error handlers, plus views that fail on purpose (test-only)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from oneteam.urls import handler400, handler403, handler404, handler500
from oneteam.urls import urlpatterns as site_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def bad(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a malformed request")


def database_down(request: HttpRequest) -> HttpResponse:
    raise OperationalError("could not connect to server")


urlpatterns = [
    path("test-errors/403/", refuse),
    path("test-errors/400/", bad),
    path("test-errors/500/", database_down),
    *site_urlpatterns,
]
