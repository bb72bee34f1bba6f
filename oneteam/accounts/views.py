from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from oneteam.accounts.services import user_sign_out_everywhere
from oneteam.core.auth import signed_in_user


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
