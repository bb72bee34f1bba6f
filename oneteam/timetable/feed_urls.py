"""Routes not tied to one event: a member's private agenda feed across events (views/agenda.py)."""

import logging

from django.urls import path

from oneteam.timetable.calendars import RedactFeedTokens
from oneteam.timetable.views import agenda

app_name = "agenda"
urlpatterns = [
    path("feed/", agenda.feed, name="feed"),
    path("<str:token>.ics", agenda.feed_ics, name="feed_ics"),
]

# The feed's address is its credential, and servers log every request line. Installed here,
# when the routes are first loaded: after the server has set up its own logging, which would
# otherwise replace the filter, and once per process (Python imports a module once).
for _name in ("uvicorn.access", "gunicorn.access", "django.server"):
    logging.getLogger(_name).addFilter(RedactFeedTokens())
