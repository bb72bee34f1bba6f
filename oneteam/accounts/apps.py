from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "oneteam.accounts"
    label = "accounts"
