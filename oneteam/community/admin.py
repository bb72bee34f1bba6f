"""The admin's view of the community. The link from pseudonyms to members (`Pseudonym`) and the
reveal requests are deliberately not registered: no admin page or list can show who wrote an
anonymous post. The audit log, reports and sanctions are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from oneteam.community import services
from oneteam.community.models import (
    AuditEntry,
    CodeOfConduct,
    Moderator,
    Post,
    Report,
    Sanction,
    Space,
    SpaceMember,
    Thread,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SpaceMemberInline(admin.TabularInline):
    model = SpaceMember
    fk_name = "space"
    extra = 0
    raw_id_fields = ["user", "invited_by"]


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "chapter", "allow_anonymous"]
    list_filter = ["kind", "allow_anonymous"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpaceMemberInline]


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["title", "space", "chatham_house", "reply_count", "last_posted_at"]
    list_filter = ["space"]
    search_fields = ["title"]


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    # No author column and no author search: an anonymous post has none, and the admin must
    # not offer a way to match one up.
    list_display = ["id", "thread", "pseudonym_number", "is_hidden", "created_at"]
    list_filter = ["is_hidden"]
    fields = ["thread", "pseudonym_number", "is_opening", "body", "is_hidden", "created_at"]
    readonly_fields = [
        "thread",
        "pseudonym_number",
        "is_opening",
        "body",
        "is_hidden",
        "created_at",
    ]


@admin.register(CodeOfConduct)
class CodeOfConductAdmin(admin.ModelAdmin):
    """Publishing a new version makes every member accept it again before they post."""

    list_display = ["version", "summary_of_changes", "published_at"]
    fields = ["text", "summary_of_changes"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a published version is never edited: publish a new one

    def save_model(self, request: HttpRequest, obj: CodeOfConduct, form: Any, change: bool) -> None:
        published = services.conduct_publish(
            text=obj.text, summary_of_changes=obj.summary_of_changes
        )
        obj.pk, obj.version = published.pk, published.version


@admin.register(Moderator)
class ModeratorAdmin(admin.ModelAdmin):
    list_display = ["user", "chapter"]
    raw_id_fields = ["user"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "moderator", "member", "post", "reason"]
    list_filter = ["action"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "post", "reported_user", "reason", "resolved_at"]


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "kind", "until", "moderator", "reason"]
    list_filter = ["kind"]
