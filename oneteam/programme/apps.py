from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "oneteam.programme"
    label = "programme"
