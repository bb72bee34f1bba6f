from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "oneteam.accounts"
    label = "accounts"

    def ready(self) -> None:
        from oneteam.accounts import codes, reauthentication

        codes.install()
        reauthentication.install()
