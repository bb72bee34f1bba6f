from django.contrib import admin

from oneteam.introductions.models import Introduced, Introduction, OptIn, Round


@admin.register(OptIn)
class OptInAdmin(admin.ModelAdmin):
    list_display = ["user", "chapter", "meeting", "frequency", "created_at"]
    list_filter = ["meeting", "frequency", "chapter"]
    raw_id_fields = ["user"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["scope", "chapter", "status", "taking_part", "created_at", "finished_at"]
    list_filter = ["status"]
    readonly_fields = ["unmatched"]


class IntroducedInline(admin.TabularInline):
    model = Introduced
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = ["pk", "round", "created_at", "follow_up_sent_at"]
    inlines = [IntroducedInline]
