"""Django admin for events. Actions that change places go through the registration services,
so the admin promotes from the waitlist and sends emails exactly as the app does."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from oneteam.events.models import Event, EventTask, Registration, Room, Slot
from oneteam.events.services.registrations import registration_cancel


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


class SlotInline(admin.TabularInline):
    model = Slot
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "chapter", "starts_at", "format", "status", "capacity"]
    list_filter = ["status", "format", "chapter"]
    search_fields = ["title", "slug"]
    date_hierarchy = "starts_at"
    inlines = [RoomInline, SlotInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "status", "queued_at", "checked_in_at"]
    list_filter = ["status", "event"]
    list_select_related = ["user__profile", "event"]
    raw_id_fields = ["user"]
    # Status changes must go through the action below, which keeps the queue fair.
    readonly_fields = ["status", "queued_at", "cancelled_at"]
    actions = ["cancel_registrations"]

    @admin.action(description=_("Cancel selected registrations (promotes the waitlist)"))
    def cancel_registrations(self, request: HttpRequest, queryset: QuerySet) -> None:
        for registration in queryset:
            registration_cancel(registration=registration)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%d registration cancelled.", "%d registrations cancelled.", count) % count,
            messages.SUCCESS,
        )


@admin.register(EventTask)
class EventTaskAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "owner", "due_on", "status"]
    list_filter = ["status", "event"]
    raw_id_fields = ["owner"]
