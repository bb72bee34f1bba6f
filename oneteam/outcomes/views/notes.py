"""A session's notes: read (public, live), edit (with merge on conflict), history, privacy."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.core.forms import add_service_errors
from oneteam.core.htmx import render_page_or_fragment
from oneteam.events.models import PrivacyMode
from oneteam.live.channels import event_channel
from oneteam.outcomes import rules, selectors, services
from oneteam.outcomes.access import get_session_for_viewer
from oneteam.outcomes.forms import NotesForm, PrivacyForm, SummaryForm
from oneteam.outcomes.models import Action
from oneteam.outcomes.note_templates import template_for
from oneteam.programme.models import Session


def _notes_context(request: HttpRequest, session: Session) -> dict[str, Any]:
    organiser = rules.is_organiser(user=request.user, event=session.event)
    actions = Action.objects.filter(session=session, is_public=True).select_related(
        "owner__profile"
    )
    return {
        "event": session.event,
        "session": session,
        "notes": selectors.notes_for(session=session),
        "shows_notes": rules.shows_notes(session),
        "shows_names": rules.shows_names(user=request.user, session=session, organiser=organiser),
        "host_names": selectors.host_names(session=session, user=request.user, organiser=organiser),
        "actions": actions,
        "can_edit": rules.can_edit_notes(user=request.user, session=session),
        "can_write_summary": rules.can_write_summary(user=request.user, session=session),
        "can_change_privacy": rules.can_change_privacy(user=request.user, session=session),
        "channel": event_channel(session.event.slug),
    }


@require_safe
def notes_page(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    """Anyone may read a published event's notes; readers see new revisions live."""
    session = get_session_for_viewer(request, event_slug, pk)
    context = _notes_context(request, session)
    return render_page_or_fragment(
        request, "outcomes/notes.html", "outcomes/notes.html#notes", context
    )


def _refuse_editor(request: HttpRequest, session: Session) -> HttpResponse:
    if not rules.shows_notes(session):
        message = _("This session is off the record, so it has no notes.")
    else:
        message = _(
            "You are not registered for %(event)s, so you cannot edit the notes of its "
            "sessions. Register for the event, or ask one of the hosts to add what you know."
        ) % {"event": session.event.title}
    context = {"event": session.event, "session": session, "message": message}
    return render(request, "outcomes/refused.html", context, status=403)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def notes_edit(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    session = get_session_for_viewer(request, event_slug, pk)
    if not rules.can_edit_notes(user=request.user, session=session):
        return _refuse_editor(request, session)
    notes = selectors.notes_for(session=session)
    context: dict[str, Any] = {"event": session.event, "session": session, "notes": notes}
    if request.method != "POST":
        initial_text = notes.text or (template_for(session.format) if notes.revision == 0 else "")
        context["form"] = NotesForm(initial={"text": initial_text, "base_revision": notes.revision})
        return render(request, "outcomes/notes_edit.html", context)
    form = NotesForm(request.POST)
    context["form"] = form
    if not form.is_valid() and "text" in form.errors:
        # Too long or not text: refused, and the form shows back everything that was typed.
        return render(request, "outcomes/notes_edit.html", context, status=400)
    text = form.cleaned_data.get("text", "")
    # A missing or malformed starting revision counts as the very first: the save then succeeds
    # (no notes yet) or shows the newer notes beside the editor's own, so nothing is lost.
    base = form.cleaned_data.get("base_revision", 0)
    try:
        services.notes_save(
            session=session, author=signed_in_user(request), text=text, base_revision=base
        )
    except services.NotesConflict as conflict:
        current = conflict.current
        # Their words stay in the form, now based on the newer revision, beside the newer text.
        merge_form = NotesForm(initial={"text": text, "base_revision": current.revision})
        context.update(form=merge_form, current=current, conflict=True)
        return render(request, "outcomes/notes_edit.html", context, status=409)
    except ValidationError as error:
        form = NotesForm({"text": text, "base_revision": base})
        form.is_valid()
        add_service_errors(form, error)
        context["form"] = form
        return render(request, "outcomes/notes_edit.html", context, status=400)
    messages.success(request, _("Your notes are saved."))
    return redirect("outcomes:notes", event_slug=event_slug, pk=pk)


def _number(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@require_safe
def notes_history(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    """Every revision (authors where privacy allows), and the changes between any two."""
    session = get_session_for_viewer(request, event_slug, pk)
    context: dict[str, Any] = {"event": session.event, "session": session}
    if not rules.shows_notes(session):
        context["revisions"] = []
        return render(request, "outcomes/history.html", context)
    history = selectors.revisions(session=session, user=request.user)
    context["revisions"] = history
    old_number, new_number = _number(request.GET.get("from")), _number(request.GET.get("to"))
    if "from" in request.GET or "to" in request.GET:
        old = selectors.revision_text(session=session, number=old_number or 0)
        new = selectors.revision_text(session=session, number=new_number or 0)
        if old is None or new is None or old_number is None or new_number is None:
            context["compare_error"] = _("Choose two revisions from the list to compare.")
        else:
            context.update(compared=(old_number, new_number), diff=selectors.diff(old=old, new=new))
    return render(request, "outcomes/history.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def summary_edit(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    session = get_session_for_viewer(request, event_slug, pk)
    if not rules.can_write_summary(user=request.user, session=session):
        context = {
            "event": session.event,
            "session": session,
            "message": _("Only the session hosts can write its summary."),
        }
        return render(request, "outcomes/refused.html", context, status=403)
    notes = selectors.notes_for(session=session)
    form = SummaryForm(request.POST or None, initial={"summary": notes.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.summary_save(
                session=session, author=signed_in_user(request), text=form.cleaned_data["summary"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The summary is saved."))
            return redirect("outcomes:notes", event_slug=event_slug, pk=pk)
    status = 400 if request.method == "POST" else 200
    summary_context = {"event": session.event, "session": session, "form": form}
    return render(request, "outcomes/summary_edit.html", summary_context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def privacy_edit(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    session = get_session_for_viewer(request, event_slug, pk)
    if not rules.can_change_privacy(user=request.user, session=session):
        refused = {
            "event": session.event,
            "session": session,
            "message": _("Only the session hosts and the event organisers can change this."),
        }
        return render(request, "outcomes/refused.html", refused, status=403)
    form = PrivacyForm(request.POST or None, initial={"privacy": session.privacy})
    context: dict[str, Any] = {"event": session.event, "session": session, "form": form}
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["privacy"]
        try:
            services.privacy_change(
                session=session, privacy=wanted, confirmed=form.cleaned_data["confirmed"]
            )
        except services.PrivacyNeedsConfirmation:
            context["form"] = PrivacyForm(initial={"privacy": wanted, "confirmed": True})
            context["confirm"] = True
            context["wanted"] = dict(PrivacyMode.choices)[wanted]
            return render(request, "outcomes/privacy_edit.html", context)
        messages.success(
            request,
            _("Privacy changed to: %(mode)s.") % {"mode": session.get_privacy_display()},
        )
        return redirect("outcomes:notes", event_slug=event_slug, pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "outcomes/privacy_edit.html", context, status=status)
