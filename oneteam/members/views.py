from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from oneteam.members.models import Profile


@require_safe
@login_required
def directory(request: HttpRequest) -> HttpResponse:
    profiles = Profile.objects.select_related("discipline")[:50]
    return render(request, "members/directory.html", {"profiles": profiles})


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    return render(request, "members/profile_edit.html")


@require_safe
def profile_detail(request: HttpRequest, handle: str) -> HttpResponse:
    return render(request, "members/profile_detail.html")
