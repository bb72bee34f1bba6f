"""Pages of introductions: a member's introductions and choices, the follow-up link, and the
organisers' rounds. Writes go through services; reads through selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.chapters.models import Chapter
from oneteam.chapters.rules import is_staff
from oneteam.core.htmx import render_page_or_fragment
from oneteam.core.params import parse_slug
from oneteam.introductions import access, rules, selectors, tokens
from oneteam.introductions.forms import COMMUNITY, OptInForm, OutcomeForm
from oneteam.introductions.services import optins, rounds


@require_safe
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "introductions": selectors.my_introductions(user),
        "opt_ins": selectors.opt_ins_of(user),
        "outcome_form": OutcomeForm(),
    }
    return render(request, "introductions/mine.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = OptInForm(request.POST or None, chapters=selectors.followed_chapters(user))
    profile = getattr(user, "profile", None)
    has_discipline = profile is not None and profile.discipline_id is not None
    if request.method == "POST" and form.is_valid():
        chapter = form.chapter()
        try:
            optins.opt_in_set(
                user=user,
                chapter=chapter,
                meeting=form.cleaned_data["meeting"],
                frequency=form.cleaned_data["frequency"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            scope = chapter.name if chapter else _("the whole community")
            messages.success(
                request, _("You are taking part in introductions for %(scope)s.") % {"scope": scope}
            )
            return redirect("introductions:preferences")
    context = {
        "form": form,
        "opt_ins": selectors.opt_ins_of(user),
        "has_discipline": has_discipline,
    }
    return render(request, "introductions/preferences.html", context)


@require_POST
@login_required
def opt_out(request: HttpRequest) -> HttpResponse:
    key = parse_slug(request.POST.get("scope")) or ""
    chapter = None if key == COMMUNITY else Chapter.objects.filter(slug=key).first()
    if key != COMMUNITY and chapter is None:
        messages.error(request, _("Choose which introductions to leave."))
    elif optins.opt_out(user=signed_in_user(request), chapter=chapter):
        scope = chapter.name if chapter else _("the whole community")
        messages.success(
            request, _("You have left introductions for %(scope)s.") % {"scope": scope}
        )
    else:
        messages.info(request, _("You were not taking part in those introductions."))
    return redirect("introductions:preferences")


@require_POST
@login_required
def share_email(request: HttpRequest, pk: int) -> HttpResponse:
    introduced = access.get_own_introduced(request, pk)
    share = request.POST.get("share") == "yes"
    optins.share_email_set(introduced=introduced, share=share)
    if share:
        messages.success(
            request,
            _(
                "You share your email address in this introduction. The others see it if they "
                "share theirs too."
            ),
        )
    else:
        messages.success(request, _("Your email address is no longer shared."))
    return redirect("introductions:mine")


@require_POST
@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    introduced = access.get_own_introduced(request, pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        optins.outcome_record(introduced=introduced, outcome=form.cleaned_data["outcome"])
        messages.success(request, _("Thank you: your answer is saved."))
    else:
        messages.error(request, _("Choose whether you met."))
    return redirect("introductions:mine")


@require_http_methods(["GET", "HEAD", "POST"])
def follow_up(request: HttpRequest, token: str) -> HttpResponse:
    """From the email: GET asks (and changes nothing), POST records the answer."""
    try:
        introduced = access.get_introduced_from_token(token)
    except tokens.LinkExpired:
        return render(request, "introductions/follow_up_expired.html", status=410)
    form = OutcomeForm(request.POST or None, initial={"outcome": request.GET.get("answer")})
    saved = False
    if request.method == "POST" and form.is_valid():
        introduced = optins.outcome_record(
            introduced=introduced, outcome=form.cleaned_data["outcome"]
        )
        saved = True
    others = list(
        introduced.introduction.people.exclude(pk=introduced.pk).select_related("user__profile")
    )
    context = {"introduced": introduced, "others": others, "form": form, "saved": saved}
    return render(request, "introductions/follow_up.html", context)


def _organiser_scopes(request: HttpRequest) -> tuple[list[Chapter], bool]:
    chapters = rules.organised_chapters(request.user)
    community = is_staff(request.user)
    if not chapters and not community:
        raise Http404
    return chapters, community


def _rounds_page(request: HttpRequest, *, errors: list[str] | None = None) -> HttpResponse:
    chapters, community = _organiser_scopes(request)
    context = {
        "scopes": selectors.scope_summaries(chapters, community=community),
        "rounds": selectors.recent_rounds(chapters, community=community),
        "errors": errors or [],
    }
    return render(request, "introductions/rounds.html", context)


@require_safe
@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    return _rounds_page(request)


@require_POST
@login_required
def round_open(request: HttpRequest) -> HttpResponse:
    chapter = access.get_scope_for_organiser(request, request.POST.get("scope", ""))
    try:
        round_ = rounds.round_open(chapter=chapter, opened_by=signed_in_user(request))
    except ValidationError as error:
        return _rounds_page(request, errors=error.messages)
    return redirect("introductions:round", pk=round_.pk)


@require_safe
@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = access.get_round_for_organiser(request, pk)
    context = {
        "round": round_,
        "percent": rounds.round_progress(round_),
        "met": selectors.met_rate(round_),
        "scope_key": round_.chapter.slug if round_.chapter else COMMUNITY,
    }
    template = "introductions/round.html"
    return render_page_or_fragment(request, template, f"{template}#status", context)
