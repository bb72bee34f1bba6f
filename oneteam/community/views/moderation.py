"""The moderators' queue and actions. Every action takes a reason and lands in the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.community import rules, selectors, services
from oneteam.community.access import get_member_profile, get_post_for_moderator
from oneteam.community.forms import ReasonForm, SanctionForm
from oneteam.community.models import Report, RevealRequest
from oneteam.community.views.common import member_required
from oneteam.core.forms import add_service_errors


def _require_moderator(request: HttpRequest) -> None:
    if not rules.is_any_moderator(signed_in_user(request)):
        raise Http404


@require_safe
@member_required
def queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    reports = selectors.open_reports(moderator=signed_in_user(request))
    views = {
        view.pk: view
        for view in selectors.post_views(
            posts=[report.post for report in reports if report.post is not None],
            viewer=signed_in_user(request),
            moderator=True,
        )
    }
    rows = [(report, views.get(report.post_id) if report.post_id else None) for report in reports]
    return render(request, "community/moderation/queue.html", {"rows": rows})


def _post_context(request: HttpRequest, post_pk: int, **forms: object) -> dict:
    post = get_post_for_moderator(request, post_pk)
    view = selectors.post_views(posts=[post], viewer=signed_in_user(request), moderator=True)[0]
    reveal = RevealRequest.objects.filter(post=post).first()
    return {
        "post": post,
        "view": view,
        "thread": post.thread,
        "reports": Report.objects.filter(post=post).order_by("created_at"),
        "reveal": reveal,
        "revealed": services.revealed_author(post=post, moderator=signed_in_user(request)),
        "context_posts": selectors.post_views(
            posts=list(
                selectors.posts_qs().filter(thread=post.thread, id__lt=post.pk).order_by("-id")[:3]
            )[::-1],
            viewer=signed_in_user(request),
            moderator=True,
        ),
        "hide_form": forms.get("hide_form") or ReasonForm(prefix="hide"),
        "reveal_form": forms.get("reveal_form") or ReasonForm(prefix="reveal"),
    }


@require_safe
@member_required
def moderate_post(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "community/moderation/post.html", _post_context(request, pk))


@require_POST
@member_required
def hide_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_moderator(request, pk)
    form = ReasonForm(request.POST, prefix="hide")
    if form.is_valid():
        try:
            services.post_hide(
                post=post, moderator=signed_in_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The post is hidden and its author has been told."))
            return redirect("community:moderate_post", pk=post.pk)
    context = _post_context(request, pk, hide_form=form)
    return render(request, "community/moderation/post.html", context, status=400)


@require_POST
@member_required
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_moderator(request, pk)
    form = ReasonForm(request.POST, prefix="reveal")
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if RevealRequest.objects.filter(post=post).exists():
                services.reveal_confirm(post=post, moderator=signed_in_user(request), reason=reason)
                text = _("The author is revealed to the moderators, and has been told why.")
            else:
                services.reveal_request(post=post, moderator=signed_in_user(request), reason=reason)
                text = _("Your request is recorded. A second moderator must confirm it.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, text)
            return redirect("community:moderate_post", pk=post.pk)
    context = _post_context(request, pk, reveal_form=form)
    return render(request, "community/moderation/post.html", context, status=400)


@member_required
def moderate_member(request: HttpRequest, handle: str) -> HttpResponse:
    if not rules.is_community_moderator(signed_in_user(request)):
        raise Http404
    profile = get_member_profile(handle)
    form = SanctionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sanction_create(
                member=profile.user,
                moderator=signed_in_user(request),
                kind=data["kind"],
                reason=data["reason"],
                days=data["days"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Done, and %(name)s has been told by email.") % {"name": profile}
            )
            return redirect("community:moderation")
    context = {
        "profile": profile,
        "form": form,
        "reports": Report.objects.filter(reported_user=profile.user).order_by("created_at"),
    }
    return render(request, "community/moderation/member.html", context)


@require_POST
@member_required
def dismiss_report(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    report = get_object_or_404(Report.objects.select_related("post__thread__space"), pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for dismissing the report"))
        return redirect("community:moderation")
    try:
        services.report_dismiss(
            report=report, moderator=signed_in_user(request), reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Report dismissed."))
    return redirect("community:moderation")
