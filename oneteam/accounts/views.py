from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.accounts.services import user_sign_out_everywhere


@require_safe
@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/settings.html")


@require_POST
@login_required
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    user_sign_out_everywhere(request=request, user=signed_in_user(request))
    messages.success(request, _("You have been signed out on every device."))
    return redirect("home")


def admin_sign_in(
    request: HttpRequest, extra_context: dict[str, Any] | None = None
) -> HttpResponse:
    """The admin's login page: staff sign in by code on the site's page, never by password.

    Whatever the method, nothing posted here is read: everyone is sent to the site's sign-in
    (and its rate limits), with `next` back into the admin. Signed-in people who are not staff
    are told the admin is not for them (sending them to sign in would bring them back here).
    """
    admin_index = reverse("admin:index")
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not next_url.startswith(admin_index) or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = admin_index
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if request.user.is_active and request.user.is_staff:
        return redirect(next_url)
    return render(request, "accounts/admin_staff_only.html", status=403)
