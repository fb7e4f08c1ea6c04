"""Test settings: fast hashing, mail in memory, tasks run immediately."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Serve assets straight from the app folders; no collectstatic needed for tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405

# Lockout is tested explicitly (override_settings); elsewhere client.login must just work.
AXES_ENABLED = False

# Overview figures are cached per registry version in production; tests change data in ways a
# publish would not (queryset.update), so they compute afresh unless a test turns caching on.
OVERVIEW_CACHE_SECONDS = 0

# Public-form rate limits are tested explicitly (override_settings); elsewhere tests post freely.
PUBLIC_FORM_RATE_IP = "100000/h"
PUBLIC_FORM_RATE_SESSION = "100000/h"
