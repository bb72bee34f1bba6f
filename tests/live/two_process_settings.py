"""Process A of the cross-process test: the app's settings with a test-only URL configuration.

Never used by the app: the test starts `uvicorn` with DJANGO_SETTINGS_MODULE pointing here.
"""

from oneteam.settings import *  # noqa: F403, TID251

ROOT_URLCONF = "tests.live.two_process_urls"
