from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "oneteam.live"
    label = "live"
