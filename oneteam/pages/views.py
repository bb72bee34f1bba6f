from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from oneteam.community.selectors import current_code
from oneteam.events.selectors import upcoming_events


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html", {"upcoming": upcoming_events(limit=5)})


@require_safe
def code_of_conduct(request: HttpRequest) -> HttpResponse:
    # The community keeps the code's versions; the page shows the one in force.
    return render(request, "pages/code_of_conduct.html", {"code": current_code()})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")
