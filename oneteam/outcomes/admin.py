from __future__ import annotations

from django.contrib import admin

from oneteam.outcomes.models import Action, Feedback, NoteRevision, SessionNotes


class NoteRevisionInline(admin.TabularInline):
    model = NoteRevision
    fields = ["number", "author", "created_at"]
    readonly_fields = ["number", "author", "created_at"]
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(SessionNotes)
class SessionNotesAdmin(admin.ModelAdmin):
    list_display = ["session", "revision", "updated_at"]
    list_select_related = ["session__event"]
    search_fields = ["session__title", "text"]
    # The revision number is the lock notes_save relies on: never edited by hand.
    readonly_fields = ["session", "revision", "updated_at"]
    raw_id_fields = ["summary_by"]
    inlines = [NoteRevisionInline]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["text", "event", "owner", "status", "due_on", "reminder_sent_at"]
    list_filter = ["status", "is_public", "event"]
    list_select_related = ["event", "owner__profile"]
    search_fields = ["text"]
    raw_id_fields = ["owner", "session"]
    readonly_fields = ["created_at", "closed_at", "reminder_sent_at"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["event", "rating", "updated_at"]
    list_filter = ["rating", "event"]
    readonly_fields = ["event", "user", "created_at", "updated_at"]
