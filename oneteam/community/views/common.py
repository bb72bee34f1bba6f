"""Helpers the community's views share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from oneteam.core.params import site_path
from oneteam.members.rules import is_member


def member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_member(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def to_conduct(request: HttpRequest, back: str | None = None) -> HttpResponse:
    """Send the member to accept the code of conduct, then back to `back` (by default the page
    they asked for; a view answering only POST names a page to come back to instead)."""
    target = back if back is not None else request.get_full_path()
    return redirect(f"{reverse('community:conduct')}?{urlencode({'next': target})}")


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` path (posted, or in the address) if it is a path on this site, else
    `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return site_path(request, target) or fallback
