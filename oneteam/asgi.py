"""ASGI entry point: `uvicorn oneteam.asgi:application`."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneteam.settings")
application = get_asgi_application()
