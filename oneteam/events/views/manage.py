"""Organisers create, edit, publish and cancel events, and edit their rooms and time slots."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oneteam.chapters.access import get_chapter_for_organiser
from oneteam.events.access import get_event_for_organiser
from oneteam.events.forms import EventForm, RoomForm, SlotForm
from oneteam.events.models import Event, Room, Slot
from oneteam.events.services import events as services


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


@login_required
def event_rooms(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    form = RoomForm(request.POST or None, instance=Room(event=event))
    if request.method == "POST" and form.is_valid():
        services.room_save(event=event, **form.cleaned_data)
        messages.success(request, _("Room added."))
        return redirect("events:rooms", slug=event.slug)
    rooms = event.rooms.all()
    return render(request, "events/rooms.html", {"event": event, "rooms": rooms, "form": form})


@login_required
def room_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    room = get_object_or_404(Room, event=event, pk=pk)
    form = RoomForm(request.POST or None, instance=Room.objects.get(pk=room.pk))
    if request.method == "POST" and form.is_valid():
        services.room_save(event=event, room=room, **form.cleaned_data)
        messages.success(request, _("Room saved."))
        return redirect("events:rooms", slug=event.slug)
    return render(request, "events/room_edit.html", {"event": event, "room": room, "form": form})


@require_POST
@login_required
def room_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    services.room_delete(room=get_object_or_404(Room, event=event, pk=pk))
    messages.success(request, _("Room removed."))
    return redirect("events:rooms", slug=event.slug)


@login_required
def event_slots(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    form = SlotForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        services.slot_save(event=event, **form.cleaned_data)
        messages.success(request, _("Time slot added."))
        return redirect("events:slots", slug=event.slug)
    slots = event.slots.all()
    return render(request, "events/slots.html", {"event": event, "slots": slots, "form": form})


@login_required
def slot_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    slot = get_object_or_404(Slot, event=event, pk=pk)
    form = SlotForm(request.POST or None, event=event, instance=Slot.objects.get(pk=slot.pk))
    if request.method == "POST" and form.is_valid():
        services.slot_save(event=event, slot=slot, **form.cleaned_data)
        messages.success(request, _("Time slot saved."))
        return redirect("events:slots", slug=event.slug)
    return render(request, "events/slot_edit.html", {"event": event, "slot": slot, "form": form})


@require_POST
@login_required
def slot_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    services.slot_delete(slot=get_object_or_404(Slot, event=event, pk=pk))
    messages.success(request, _("Time slot removed."))
    return redirect("events:slots", slug=event.slug)
