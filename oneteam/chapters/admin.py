from __future__ import annotations

from django.contrib import admin

from oneteam.chapters.models import Chapter, ChapterMembership, ChecklistItem, OrganiserCall


class MembershipInline(admin.TabularInline):
    model = ChapterMembership
    extra = 0
    raw_id_fields = ["user"]


class ChecklistInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "slug", "is_demo"]
    search_fields = ["name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, ChecklistInline]


@admin.register(OrganiserCall)
class OrganiserCallAdmin(admin.ModelAdmin):
    list_display = ["chapter", "starts_at"]
    list_filter = ["chapter"]
