from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.chapters import selectors, services
from oneteam.chapters.access import get_chapter, get_chapter_for_organiser
from oneteam.chapters.forms import ChecklistItemForm, OrganiserCallForm
from oneteam.chapters.models import ChecklistItem
from oneteam.chapters.rules import can_manage_chapter


@require_safe
def chapter_list(request: HttpRequest) -> HttpResponse:
    return render(request, "chapters/list.html", {"chapters": selectors.chapters_for_list()})


@require_safe
def chapter_detail(request: HttpRequest, slug: str) -> HttpResponse:
    chapter = get_chapter(slug)
    manages = can_manage_chapter(request.user, chapter)
    upcoming, past = selectors.chapter_events(chapter=chapter, include_drafts=manages)
    context = {
        "chapter": chapter,
        "upcoming": upcoming,
        "past": past,
        "can_manage": manages,
        "is_following": selectors.is_following(chapter=chapter, user=request.user),
        "organisers": selectors.chapter_organisers(chapter=chapter),
    }
    return render(request, "chapters/detail.html", context)


@require_POST
@login_required
def chapter_follow(request: HttpRequest, slug: str) -> HttpResponse:
    chapter = get_chapter(slug)
    services.chapter_follow(chapter=chapter, user=signed_in_user(request))
    messages.success(request, _("You now follow %(chapter)s.") % {"chapter": chapter.name})
    return redirect("chapters:detail", slug=chapter.slug)


@require_POST
@login_required
def chapter_unfollow(request: HttpRequest, slug: str) -> HttpResponse:
    chapter = get_chapter(slug)
    if services.chapter_unfollow(chapter=chapter, user=signed_in_user(request)):
        messages.success(request, _("You no longer follow %(chapter)s.") % {"chapter": chapter})
    else:
        messages.info(
            request,
            _("Organisers keep following their chapter. Ask an administrator to step down."),
        )
    return redirect("chapters:detail", slug=chapter.slug)


@login_required
def chapter_checklist(request: HttpRequest, slug: str) -> HttpResponse:
    chapter = get_chapter_for_organiser(request, slug)
    form = ChecklistItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.checklist_item_create(chapter=chapter, **form.cleaned_data)
        messages.success(request, _("Task added to the checklist."))
        return redirect("chapters:checklist", slug=chapter.slug)
    context = {
        "chapter": chapter,
        "form": form,
        "items": ChecklistItem.objects.filter(chapter=chapter),
        "default_checklist": selectors.DEFAULT_CHECKLIST,
    }
    return render(request, "chapters/checklist.html", context)


@require_POST
@login_required
def checklist_item_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    chapter = get_chapter_for_organiser(request, slug)
    item = get_object_or_404(ChecklistItem, chapter=chapter, pk=pk)
    services.checklist_item_delete(item=item)
    messages.success(request, _("Task removed from the checklist."))
    return redirect("chapters:checklist", slug=chapter.slug)


@login_required
def organiser_call(request: HttpRequest, slug: str) -> HttpResponse:
    chapter = get_chapter_for_organiser(request, slug)
    call = selectors.next_organiser_call(chapter=chapter)
    form = OrganiserCallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        services.organiser_call_save(chapter=chapter, call=call, **form.cleaned_data)
        messages.success(request, _("The next organisers' call is saved."))
        return redirect("chapters:call", slug=chapter.slug)
    context = {"chapter": chapter, "call": call, "form": form}
    return render(request, "chapters/call.html", context)
