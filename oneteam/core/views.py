from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from oneteam.events.selectors import upcoming_events


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"upcoming": upcoming_events(limit=5)})


@require_safe
def code_of_conduct(request: HttpRequest) -> HttpResponse:
    return render(request, "core/code_of_conduct.html")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
