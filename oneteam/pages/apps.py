from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "oneteam.pages"
    label = "pages"
