"""Organisers create, edit, publish and cancel events, and edit their rooms and time slots."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from oneteam.chapters.access import get_chapter_for_organiser
from oneteam.events.access import get_event_for_organiser
from oneteam.events.forms import EventForm, RoomForm, SlotForm
from oneteam.events.models import Event, Room, Slot
from oneteam.events.services import events as services
from oneteam.events.views.children import ChildPages, child_delete, child_edit, child_list


@login_required
def event_create(request: HttpRequest, slug: str) -> HttpResponse:
    chapter = get_chapter_for_organiser(request, slug)
    form = EventForm(request.POST or None, instance=Event(chapter=chapter))
    if request.method == "POST" and form.is_valid():
        event = services.event_create(chapter=chapter, **form.cleaned_data)
        messages.success(request, _("Draft event created. Add rooms and time slots, then publish."))
        return redirect("events:detail", slug=event.slug)
    return render(request, "events/event_form.html", {"form": form, "chapter": chapter})


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    # Validate a copy so a refused edit leaves the event shown elsewhere on the page untouched.
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk))
    if request.method == "POST" and form.is_valid():
        event = services.event_update(event=event, **form.cleaned_data)
        messages.success(request, _("Event saved."))
        return redirect("events:detail", slug=event.slug)
    context = {"form": form, "chapter": event.chapter, "event": event}
    return render(request, "events/event_form.html", context)


@require_POST
@login_required
def event_publish(request: HttpRequest, slug: str) -> HttpResponse:
    event = services.event_publish(event=get_event_for_organiser(request, slug))
    messages.success(request, _("%(event)s is published.") % {"event": event.title})
    return redirect("events:detail", slug=event.slug)


@login_required
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    """GET asks for confirmation; POST cancels and tells everyone registered."""
    event = get_event_for_organiser(request, slug)
    if request.method == "POST":
        event = services.event_cancel(event=event)
        messages.success(request, _("%(event)s is cancelled.") % {"event": event.title})
        return redirect("events:detail", slug=event.slug)
    return render(request, "events/event_cancel.html", {"event": event})


ROOMS = ChildPages(
    model=Room,
    form_class=RoomForm,
    name="room",
    plural="rooms",
    list_url="events:rooms",
    list_template="events/rooms.html",
    edit_template="events/room_edit.html",
    save=services.room_save,
    delete=services.room_delete,
    added=gettext_lazy("Room added."),
    saved=gettext_lazy("Room saved."),
    removed=gettext_lazy("Room removed."),
)
SLOTS = ChildPages(
    model=Slot,
    form_class=SlotForm,
    name="slot",
    plural="slots",
    list_url="events:slots",
    list_template="events/slots.html",
    edit_template="events/slot_edit.html",
    save=services.slot_save,
    delete=services.slot_delete,
    added=gettext_lazy("Time slot added."),
    saved=gettext_lazy("Time slot saved."),
    removed=gettext_lazy("Time slot removed."),
)


@login_required
def event_rooms(request: HttpRequest, slug: str) -> HttpResponse:
    return child_list(request, slug, ROOMS)


@login_required
def room_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return child_edit(request, slug, pk, ROOMS)


@require_POST
@login_required
def room_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return child_delete(request, slug, pk, ROOMS)


@login_required
def event_slots(request: HttpRequest, slug: str) -> HttpResponse:
    return child_list(request, slug, SLOTS)


@login_required
def slot_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return child_edit(request, slug, pk, SLOTS)


@require_POST
@login_required
def slot_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return child_delete(request, slug, pk, SLOTS)
