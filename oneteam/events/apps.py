from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "oneteam.events"
    label = "events"
