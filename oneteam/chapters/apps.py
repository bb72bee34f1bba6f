from django.apps import AppConfig


class ChaptersConfig(AppConfig):
    name = "oneteam.chapters"
    label = "chapters"
