from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "oneteam.outcomes"
    label = "outcomes"
