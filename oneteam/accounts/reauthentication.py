"""Confirming it is you again, by a fresh code, before sensitive changes (OWASP ASVS 3.7.1).

What we found in allauth 65.21: reauthentication is offered by password (or MFA) only, and
`did_recently_reauthenticate` answers True for anyone with neither, so a member who signs in
by code could change their email address in a session left open, with no fresh proof.
`install()` swaps the password method for a code method in the flows allauth consults, so the
check applies to everyone and a password never counts, and ReauthenticateByCodeView (allauth's
own base view) emails a code to the current address. allauth's own page
(`account_reauthenticate`) then finds no password method and passes people on to the code.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows import reauthentication as allauth_reauthentication
from allauth.account.internal.flows.login import record_authentication
from allauth.account.views import BaseReauthenticateView
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from oneteam.accounts.auth import signed_in_user
from oneteam.accounts.codes import code_matches, hash_code
from oneteam.accounts.forms import CodeField
from oneteam.core.forms import GovukForm

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneteam.accounts.models import User

METHOD_ID = "reauthenticate_by_code"
STATE_KEY = "oneteam_reauthentication_code"


def install() -> None:
    original = allauth_reauthentication.get_reauthentication_flows
    if getattr(original, "_oneteam", False):
        return

    def get_reauthentication_flows(user: User | AnonymousUser) -> list[dict[str, object]]:
        # Never by password (One Team has none; an old one must not count as proof).
        flows: list[dict[str, object]] = [
            flow for flow in original(user) if flow["id"] != "reauthenticate"
        ]
        if user.is_authenticated and user.email:
            flows.append({"id": METHOD_ID})
        return flows

    get_reauthentication_flows._oneteam = True  # type: ignore[attr-defined]
    allauth_reauthentication.get_reauthentication_flows = get_reauthentication_flows


class ReauthenticationCodeForm(GovukForm):
    code = CodeField()

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_code(self) -> str:
        entered: str = self.cleaned_data["code"]
        state = self.request.session.get(STATE_KEY)
        if not state or time.time() - state["at"] > settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT:
            self.request.session.pop(STATE_KEY, None)
            raise forms.ValidationError(_("That code has expired. Send a new one."), code="expired")
        if not code_matches(entered=entered, stored_hash=state["hash"]):
            state["failed"] += 1
            if state["failed"] >= settings.ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS:
                self.request.session.pop(STATE_KEY, None)
                raise forms.ValidationError(
                    _("Too many wrong codes. Send a new one."), code="too_many"
                )
            self.request.session[STATE_KEY] = state
            raise forms.ValidationError(_("Incorrect code."), code="incorrect_code")
        self.request.session.pop(STATE_KEY, None)  # single use
        return entered


@method_decorator(login_required, name="dispatch")
class ReauthenticateByCodeView(BaseReauthenticateView):
    template_name = "account/reauthenticate_by_code.html"
    form_class = ReauthenticationCodeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("action") == "send":
            send_reauthentication_code(request=request)
            return HttpResponseRedirect(self.passthrough_next_url(request.path))
        response: HttpResponse = super().post(request, *args, **kwargs)
        return response

    def form_valid(self, form: forms.Form) -> HttpResponse:
        record_authentication(
            self.request,
            self.request.user,
            method="code",
            email=self.request.user.email,
            reauthenticated=True,
        )
        response: HttpResponse = super().form_valid(form)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["code_sent"] = STATE_KEY in self.request.session
        return context


def send_reauthentication_code(*, request: HttpRequest) -> None:
    adapter = get_adapter()
    code = adapter.generate_login_code()
    request.session[STATE_KEY] = {"hash": hash_code(code), "at": time.time(), "failed": 0}
    adapter.send_mail("account/email/login_code", signed_in_user(request).email, {"code": code})


reauthenticate_by_code = ReauthenticateByCodeView.as_view()
