"""Our versions of allauth's sign-in forms (wired in through settings.ACCOUNT_FORMS).

- Sign in asks for an email address only: One Team has no passwords (see allauth_urls.py).
- An unknown address joins: the account is created and gets the same code email and the same
  page as a known one, so the answer never tells whether someone is a member.
- Past the per-address limit the answer is 429, as it is past the per-IP limit.
- Codes are compared against their stored hash (see codes.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.adapter import get_adapter
from allauth.account.forms import (
    ConfirmEmailVerificationCodeForm as AllauthConfirmEmailVerificationCodeForm,
)
from allauth.account.forms import ConfirmLoginCodeForm as AllauthConfirmLoginCodeForm
from allauth.account.forms import LoginForm, RequestLoginCodeForm
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django import forms
from django.utils.translation import gettext_lazy as _

from oneteam.accounts.codes import code_matches
from oneteam.accounts.services import user_join_by_email
from oneteam.core.forms import GovukFormMixin

if TYPE_CHECKING:
    from oneteam.accounts.models import User

TOO_MANY = "too_many_login_attempts"


def _email_widget_attrs(field: forms.Field) -> None:
    field.label = _("Email address")
    # GOV.UK error messages name the field and say how to put it right.
    field.error_messages["required"] = _("Enter your email address")
    field.error_messages["invalid"] = _(
        "Enter an email address in the correct format, like name@example.com"
    )
    attrs = field.widget.attrs
    attrs.update({"autocomplete": "email", "spellcheck": "false"})
    attrs["class"] = f"{attrs.get('class', 'govuk-input')} govuk-input--width-30"
    attrs.pop("placeholder", None)


class RequestCodeForm(GovukFormMixin, RequestLoginCodeForm):
    _user: User | None  # set by allauth's form: the member the address belongs to, if any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _email_widget_attrs(self.fields["email"])

    def clean_email(self) -> str:
        try:
            email: str = super().clean_email()
        except forms.ValidationError as error:
            if error.code == TOO_MANY:
                raise ImmediateHttpResponse(respond_429(context.request)) from error
            raise
        if email and self._user is None:
            self._user = user_join_by_email(request=context.request, email=email)
        return email


class SignInForm(GovukFormMixin, LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _email_widget_attrs(self.fields["login"])

    def _setup_password_field(self) -> None:
        # Passwordless by design: no password field, whatever allauth's settings say, so a
        # posted password is never read and the answer is always a code by email.
        self.fields.pop("password", None)

    def _clean_without_password(self, email: str | None, phone: str | None) -> dict[str, Any]:
        # allauth builds its own RequestLoginCodeForm here; ours adds joining and the 429.
        if not email:
            self.add_error("login", get_adapter().validation_error("invalid_login"))
            return self.cleaned_data
        form = RequestCodeForm(data={"email": email})
        if form.is_valid():
            self.user = form._user
        else:
            for error in form.errors.get("email", []):
                self.add_error("login", error)
        return self.cleaned_data


class CodeField(forms.CharField):
    """The one-time code as people type or paste it; every code form uses this field."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("Code"),
            help_text=_("The code from the email, for example BCDF-GHJK. You can paste it."),
            max_length=40,
            widget=forms.TextInput(
                attrs={
                    "autocomplete": "one-time-code",
                    "spellcheck": "false",
                    "autocapitalize": "characters",
                    "class": "govuk-input--width-10",
                }
            ),
            **kwargs,
        )


class _HashedCodeMixin:
    """allauth hands the form the stored code, which for us is a hash: compare hashes."""

    expected_code: str | None
    cleaned_data: dict[str, Any]

    def clean_code(self) -> str:
        entered: str = self.cleaned_data["code"]
        if not code_matches(entered=entered, stored_hash=self.expected_code):
            raise get_adapter().validation_error("incorrect_code")
        # Proven above; now allauth's own checks (e.g. the address is still free) can run.
        self.expected_code = entered
        # allauth's form, after this mixin in the class's MRO, defines clean_code.
        code: str = super().clean_code()  # type: ignore[misc]
        return code


class ConfirmLoginCodeForm(GovukFormMixin, _HashedCodeMixin, AllauthConfirmLoginCodeForm):
    code = CodeField()


class ConfirmEmailVerificationCodeForm(
    GovukFormMixin, _HashedCodeMixin, AllauthConfirmEmailVerificationCodeForm
):
    code = CodeField()
