"""List, add, change and remove an event's rooms or time slots: one shape, two kinds.

Each kind is described by a `ChildPages`; the views in `manage.py` are one line each. The
model's clean() (called by the form and again by the service) puts refusals on the form.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from oneteam.events.access import get_event_for_organiser
from oneteam.events.forms import RoomForm, SlotForm
from oneteam.events.models import Room, Slot

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


@dataclass(frozen=True)
class ChildPages:
    """What differs between an event's rooms and its slots; everything else is shared."""

    model: type[Room] | type[Slot]
    # Built as form_class(data, event=event[, instance=…]); a new object belongs to the event.
    form_class: type[RoomForm] | type[SlotForm]
    # Template variable for one object (and the service's keyword for it), e.g. "room".
    name: str
    # Template variable for the list, e.g. "rooms".
    plural: str
    list_url: str
    list_template: str
    edit_template: str
    # services.room_save(event=, room=None, **fields) and services.room_delete(room=).
    save: Callable[..., Model]
    delete: Callable[..., None]
    added: StrPromise
    saved: StrPromise
    removed: StrPromise


def child_list(request: HttpRequest, slug: str, pages: ChildPages) -> HttpResponse:
    """GET lists the event's objects with an empty form; POST adds one."""
    event = get_event_for_organiser(request, slug)
    form = pages.form_class(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        pages.save(event=event, **form.cleaned_data)
        messages.success(request, pages.added)
        return redirect(pages.list_url, slug=event.slug)
    context: dict[str, Any] = {
        "event": event,
        pages.plural: pages.model.objects.filter(event=event),
        "form": form,
    }
    return render(request, pages.list_template, context)


def child_edit(request: HttpRequest, slug: str, pk: int, pages: ChildPages) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    obj = get_object_or_404(pages.model, event=event, pk=pk)
    # The form writes what it validates onto its instance: give it a copy, so a refused
    # change leaves the page's heading showing the saved object.
    form = pages.form_class(request.POST or None, event=event, instance=copy(obj))
    if request.method == "POST" and form.is_valid():
        pages.save(event=event, **{pages.name: obj}, **form.cleaned_data)
        messages.success(request, pages.saved)
        return redirect(pages.list_url, slug=event.slug)
    context = {"event": event, pages.name: obj, "form": form}
    return render(request, pages.edit_template, context)


def child_delete(request: HttpRequest, slug: str, pk: int, pages: ChildPages) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    pages.delete(**{pages.name: get_object_or_404(pages.model, event=event, pk=pk)})
    messages.success(request, pages.removed)
    return redirect(pages.list_url, slug=event.slug)
