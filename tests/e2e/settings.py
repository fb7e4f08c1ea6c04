"""Settings for the live server the browser journeys run against: the test settings with mail
written to files (the journeys read the confirmation mails from there)."""

import os

from config.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["E2E_MAIL_DIR"]
MEDIA_ROOT = os.environ.get("E2E_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405
WAGTAILADMIN_BASE_URL = os.environ.get("E2E_BASE_URL", "http://127.0.0.1")
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
