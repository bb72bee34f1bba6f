"""The Django admin for people: found and listed by email address, as they sign in.

Staff sign in to the admin as everyone signs in to the site, by an emailed code and under the
same rate limits: the admin's login page sends them to the site's sign-in, and the admin has no
page to set or change a password (One Team has none).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _

from oneteam.accounts.models import User, record_email_address
from oneteam.accounts.views import admin_sign_in


def _no_password_pages(
    request: HttpRequest, extra_context: dict[str, Any] | None = None
) -> HttpResponse:
    raise Http404("One Team has no passwords")


admin.site.login = admin_sign_in  # type: ignore[method-assign]
admin.site.password_change = _no_password_pages  # type: ignore[method-assign,assignment]
admin.site.password_change_done = _no_password_pages  # type: ignore[method-assign,assignment]


class UserCreationForm(forms.ModelForm):
    """New people sign in by a code sent to their address, so no password is asked for."""

    class Meta:
        model = User
        fields = ("email",)

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        user.email = User.objects.normalize_email(user.email).lower()
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class UserChangeForm(forms.ModelForm):
    """Everything staff may change about a person; there is no password to change."""

    class Meta:
        model = User
        fields = (
            "email",
            "is_active",
            "is_moderator",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
        )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ("email",)
    search_fields = ("email", "profile__display_name")
    list_display = ("email", "is_active", "is_moderator", "is_staff", "last_login", "date_joined")
    list_filter = ("is_active", "is_moderator", "is_staff", "is_superuser")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email",)}),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_moderator",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email",)}),)

    def get_urls(self) -> list[URLPattern]:
        # DjangoUserAdmin adds a page to set a user's password; keep only ModelAdmin's pages.
        return admin.ModelAdmin.get_urls(self)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            record_email_address(obj)
