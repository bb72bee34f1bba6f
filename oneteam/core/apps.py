from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "oneteam.core"
    label = "core"

    def ready(self) -> None:
        from oneteam.core import checks  # noqa: F401  (registers the system checks)
        from oneteam.core.redaction import redact_server_logs

        redact_server_logs()
