from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.members import rules
from oneteam.members.access import SignInRequired, get_profile_for_viewer, sign_in_response
from oneteam.members.forms import DirectorySearchForm, ProfileForm
from oneteam.members.models import Profile
from oneteam.members.selectors import (
    organised_chapter_names,
    profile_directory,
    profile_roles,
)
from oneteam.members.services import profile_save

DIRECTORY_PAGE_SIZE = 24


@require_safe
@login_required
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    query, slugs = "", []
    if form.is_bound and form.is_valid():
        query, slugs = form.cleaned_data["q"], form.cleaned_data["discipline"]
    page = Paginator(profile_directory(query=query, discipline_slugs=slugs), DIRECTORY_PAGE_SIZE)
    page_obj = page.get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    context = {
        "form": form,
        "page_obj": page_obj,
        "page_range": page.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1),
        "filter_query": filters.urlencode(),
        "searching": bool(query or slugs),
        "has_profile": Profile.objects.filter(user=signed_in_user(request)).exists(),
    }
    # htmx asks for the results only, so the list updates in place as the member filters.
    # (A history restore asks for the whole page and names no target.)
    template = "members/directory.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        template += "#results"
        context["is_htmx"] = True
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    profile = Profile.objects.filter(user=user).first()
    # Read before the form copies submitted values onto the instance.
    current_handle = profile.handle if profile else ""
    form = ProfileForm(request.POST or None, instance=profile, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = profile_save(
            user=user,
            display_name=data["display_name"],
            handle=data["handle"],
            pronouns=data["pronouns"],
            discipline=data["discipline"],
            organisation=data["organisation"],
            role=data["role"],
            ask_me_about=data["ask_me_about"],
            working_to_change=data["working_to_change"],
            visibility=data["visibility"],
            chapters=data["chapters"] if "chapters" in form.fields else None,
        )
        messages.success(
            request,
            _("Your profile has been saved") if profile else _("Your profile has been created"),
        )
        if profile is not None:
            return redirect("members:profile", handle=saved.handle)
        # Joining ends with the community's code of conduct: a newcomer reads and accepts it
        # there, then lands on their new profile. (Named by URL: members sits below the
        # community and never imports it.)
        back = reverse("members:profile", kwargs={"handle": saved.handle})
        return redirect(f"{reverse('community:conduct')}?{urlencode({'next': back})}")
    context = {
        "form": form,
        "profile": profile,
        "current_handle": current_handle,
        "organised_chapters": organised_chapter_names(user),
    }
    return render(request, "members/profile_edit.html", context)


@require_safe
def profile_detail(request: HttpRequest, handle: str) -> HttpResponse:
    try:
        profile = get_profile_for_viewer(request, handle)
    except SignInRequired:
        return sign_in_response(request)
    is_own = rules.can_edit_profile(request.user, profile)
    context = {
        "profile": profile,
        "roles": profile_roles(profile),
        "is_own": is_own,
        # Reporting and blocking are the community's (named by URL, not imported).
        "can_report": rules.is_member(request.user) and not is_own,
    }
    return render(request, "members/profile_detail.html", context)
