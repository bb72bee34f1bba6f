"""Look up and check access in one step, so no view fetches a profile and forgets to check."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseRedirect

from oneteam.members import rules
from oneteam.members.models import Profile
from oneteam.members.selectors import profile_with_chapters


class SignInRequired(Exception):
    """Raised for anonymous visitors when the answer must not say whether a profile exists."""


def get_profile_for_viewer(request: HttpRequest, handle: str) -> Profile:
    """The profile if the viewer may see it. Anonymous visitors who may not see it (or asked for
    a handle that does not exist) get SignInRequired either way; members get a 404."""
    profile = profile_with_chapters(handle)
    if profile is not None and rules.can_view_profile(request.user, profile):
        return profile
    if not rules.is_member(request.user):
        raise SignInRequired
    raise Http404


def sign_in_response(request: HttpRequest) -> HttpResponseRedirect:
    return redirect_to_login(request.get_full_path())
