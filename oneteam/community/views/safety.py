"""What members do to keep themselves safe: report a post or a member, block a member."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.community import selectors, services
from oneteam.community.access import get_member_profile, get_post_for_viewer
from oneteam.community.forms import ReasonForm
from oneteam.community.models import Block
from oneteam.community.views.common import member_required
from oneteam.core.forms import add_service_errors


@member_required
def report_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_viewer(request, pk)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                reporter=signed_in_user(request), post=post, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. The moderators will look at this post."))
            return redirect("community:thread", pk=post.thread_id)
    view = selectors.post_views(posts=[post], viewer=signed_in_user(request), moderator=False)[0]
    context = {"view": view, "thread": post.thread, "form": form}
    return render(request, "community/report_post.html", context)


@member_required
def report_member(request: HttpRequest, handle: str) -> HttpResponse:
    profile = get_member_profile(handle)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                reporter=signed_in_user(request),
                member=profile.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. The moderators will look into it."))
            return redirect("community:home")
    return render(request, "community/report_member.html", {"profile": profile, "form": form})


@require_POST
@member_required
def block(request: HttpRequest, handle: str) -> HttpResponse:
    profile = get_member_profile(handle)
    blocking = request.POST.get("blocking", "true") != "false"
    try:
        changed = services.block_set(
            blocker=signed_in_user(request), blocked=profile.user, blocking=blocking
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("community:blocks")
    name = profile.display_name
    if blocking:
        text = (
            _("You blocked %(name)s. Neither of you will see the other's posts.")
            if changed
            else _("You had already blocked %(name)s.")
        )
    else:
        text = _("You unblocked %(name)s.") if changed else _("%(name)s was not blocked.")
    messages.success(request, text % {"name": name})
    return redirect(reverse("community:blocks"))


@require_safe
@member_required
def blocks(request: HttpRequest) -> HttpResponse:
    blocked = (
        Block.objects.filter(blocker=signed_in_user(request))
        .select_related("blocked__profile")
        .order_by("-created_at")
    )
    return render(request, "community/blocks.html", {"blocks": blocked})
