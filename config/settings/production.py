"""Production: every secret from the environment, HTTPS everywhere.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL. See README "Deploy"."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
if os.environ.get("SECRET_KEY", "").startswith("dev-only") or not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production.")

# Absolute links (mails, API, open data): the public address, else the default Wagtail Site record.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")
if WAGTAILADMIN_BASE_URL:
    WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
else:  # Wagtail's API then takes the Site record too
    del WAGTAILAPI_BASE_URL  # noqa: F821

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Browsers fetch any stray http:// sub-resource over HTTPS instead.
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,  # noqa: F405
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},  # noqa: F405
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
