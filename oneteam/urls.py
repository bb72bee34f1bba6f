from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("oneteam.pages.urls")),
    path("", include("oneteam.core.urls")),
    path("accounts/", include("oneteam.accounts.urls")),
    path("accounts/", include("oneteam.accounts.allauth_urls")),
    path("members/", include("oneteam.members.urls")),
    path("live/", include("oneteam.live.urls")),
    path("chapters/", include("oneteam.chapters.urls")),
    path("events/", include("oneteam.events.urls")),
    path("programme/<slug:event_slug>/", include("oneteam.programme.urls")),
    path("timetable/<slug:event_slug>/", include("oneteam.timetable.urls")),
    path("agenda/", include("oneteam.timetable.feed_urls")),
    path("outcomes/", include("oneteam.outcomes.urls")),
    path("community/", include("oneteam.community.urls")),
    path("introductions/", include("oneteam.introductions.urls")),
    path("admin/", admin.site.urls),
]

if settings.ONETEAM_DEV_MAILBOX:
    urlpatterns.append(path("dev/mail/", include("oneteam.accounts.mailbox_urls")))

handler400 = "oneteam.core.errors.bad_request"
handler403 = "oneteam.core.errors.permission_denied"
handler404 = "oneteam.core.errors.page_not_found"
handler500 = "oneteam.core.errors.server_error"
