from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def site(request: HttpRequest) -> dict[str, Any]:
    """The service name and the navigation every page shows."""
    items: list[tuple[str, str]] = [
        (_("Home"), reverse("home")),
        (_("Chapters"), reverse("chapters:list")),
    ]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        items += [
            (_("Members"), reverse("members:directory")),
            (_("Community"), reverse("community:home")),
            (_("Introductions"), reverse("introductions:mine")),
            (_("Your profile"), reverse("members:profile_edit")),
            (_("Account"), reverse("accounts:settings")),
            (_("Sign out"), reverse("account_logout")),
        ]
    else:
        items.append((_("Sign in"), reverse("account_login")))
    path = request.path
    # The item whose address is the longest start of this page's is the current one, so "Your
    # profile" (/members/me/) is current on its page and "Members" (/members/) is not as well.
    matches = [url for _label, url in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default=None)
    navigation = [{"label": label, "url": url, "active": url == current} for label, url in items]
    return {
        "SERVICE_NAME": "One Team",
        "navigation": navigation,
        "feedback_url": reverse("accessibility") + "#contact",
    }
