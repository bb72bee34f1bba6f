"""Routes not tied to one event: a member's private agenda feed across events (views/agenda.py)."""

from django.urls import path

from oneteam.timetable.views import agenda

app_name = "agenda"
urlpatterns = [
    path("feed/", agenda.feed, name="feed"),
    path("<str:token>.ics", agenda.feed_ics, name="feed_ics"),
]
