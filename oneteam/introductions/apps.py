from django.apps import AppConfig


class IntroductionsConfig(AppConfig):
    name = "oneteam.introductions"
    label = "introductions"
    verbose_name = "Introductions"
