from __future__ import annotations

from django.contrib import admin

from oneteam.members.models import Discipline, Profile


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "description"]
    list_editable = ["order", "description"]
    list_display_links = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["order", "name"]
    search_fields = ["name", "slug"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "handle", "discipline", "organisation", "visibility", "is_demo"]
    list_filter = ["discipline", "visibility", "is_demo"]
    list_select_related = ["discipline"]
    search_fields = ["display_name", "handle", "organisation", "user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]
