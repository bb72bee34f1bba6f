from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "oneteam.accounts"
    label = "accounts"

    def ready(self) -> None:
        from oneteam.accounts import codes, reauthentication, single_sign_on, superuser_command

        codes.install()
        reauthentication.install()
        single_sign_on.install()
        superuser_command.install()
