from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "oneteam.core"
    label = "core"
