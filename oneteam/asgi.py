"""ASGI entry point: `uvicorn oneteam.asgi:application`.

Anonymous requests for a public board's live stream are served by `oneteam.live.public` ahead
of Django (no request cycle, no thread per stream); everything else, signed-in members' streams
included, goes to Django.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneteam.settings")
django_application = get_asgi_application()

from oneteam.core.checks import refuse_to_serve_with_errors  # noqa: E402  (needs the apps loaded)

# Like runserver, refuse to serve a configuration our system checks call an error (production
# without SMTP, say) rather than start a site nobody can use.
refuse_to_serve_with_errors()

from oneteam.live.public import PublicStreams  # noqa: E402  (needs the apps loaded)

application = PublicStreams(django_application)
