from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from oneteam.programme.models import Interest, Session

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _Totals(TypedDict):
    interest_total: int


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "format", "status", "needs_step_free", "interest_count"]
    list_filter = ["status", "format", "needs_step_free", "privacy", "event"]
    list_select_related = ["event"]
    search_fields = ["title", "description", "event__title"]
    raw_id_fields = ["hosts"]
    filter_horizontal = ["unavailable_slots"]
    readonly_fields = ["created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Session]:
        sessions: QuerySet[Session] = super().get_queryset(request)
        return sessions.annotate(interest_total=Count("interests"))

    @admin.display(description=_("interested"), ordering="interest_total")
    def interest_count(self, session: WithAnnotations[Session, _Totals]) -> int:
        return session.interest_total


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["session", "user", "created_at"]
    list_select_related = ["session", "user__profile"]
    list_filter = ["session__event"]
    raw_id_fields = ["session", "user"]
    readonly_fields = ["created_at"]
