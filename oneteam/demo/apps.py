from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "oneteam.demo"
    label = "demo"
