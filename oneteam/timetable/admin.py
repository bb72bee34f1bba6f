from django.contrib import admin

from oneteam.timetable.models import ScheduleBuild, ScheduleVersion, SessionPin


@admin.register(ScheduleVersion)
class ScheduleVersionAdmin(admin.ModelAdmin):
    list_display = ["event", "number", "origin", "is_current", "published_at", "created_at"]
    list_filter = ["origin", "is_current"]
    readonly_fields = ["cost", "solver", "unscheduled", "lower_bound"]


@admin.register(ScheduleBuild)
class ScheduleBuildAdmin(admin.ModelAdmin):
    list_display = ["event", "mode", "status", "progress", "best_total", "created_at"]
    list_filter = ["status", "mode"]


@admin.register(SessionPin)
class SessionPinAdmin(admin.ModelAdmin):
    list_display = ["session", "room", "slot", "created_at"]
