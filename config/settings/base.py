"""Settings shared by every environment. Values that differ per deployment come from the
environment (see README "Configuration"); defaults are safe for local development."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # project apps first so their templates and translations win
    "home",
    "regions",
    "practices",
    "search",
    "events",
    "members",
    "outbox",
    "quickscan",
    "sitelinks",
    "interventions",
    "wagtailautocomplete",
    "allauth",
    "allauth.account",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy + Permissions-Policy (see "Security headers" below)
    "config.security.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # GET/HEAD: one read of the version row, the site and its home page from the worker's cache
    "home.middleware.SiteCacheMiddleware",
    # a read-only or locked database: 503 "tijdelijk alleen lezen" instead of a 500
    "config.readonly.ReadOnlyDatabaseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last, so it sees the outcome of every authentication attempt
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins for locked-out users/IPs before any password check
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite file in the project unless DATABASE_URL says otherwise (postgres://… in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# WAL and a busy timeout let the dev server, workers and tests share the file safely; IMMEDIATE
# takes the write lock at BEGIN, so concurrent writers wait (busy timeout) instead of failing.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch first, English available at /en/…
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
# locale/ holds the project's own catalogue (Dutch msgids, English translations); it must stay first so
# makemessages writes there. translation_overrides/ replaces third-party Dutch strings that say "je"
# (django-allauth) with the site's "u"; it wins over the apps' own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "translation_overrides"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
# Long dates in both languages: Django's Dutch formats, English overridden to match (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "assets"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail -------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Kennisnetwerk Scheiden"
# The base of every absolute link (sitelinks.absolute_urls); locally the runserver port.
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "ods", "pptx", "odp", "txt", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Dutch stemming and stop words on PostgreSQL; ignored by the SQLite FTS backend.
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Mail ----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds before an SMTP connect or read gives up; well under the worker timeout (gunicorn 30 s).
# Mail goes through the outbox (outbox/queue.py), so a slow server never fails a saved action.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Kennisnetwerk Scheiden <noreply@kennisnetwerkscheiden.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Public forms (registration, contact, sign-up): POSTs per hour per client IP and per browser
# session (practices/throttle.py, django-ratelimit; counted in the default cache).
PUBLIC_FORM_RATE_IP = os.environ.get("PUBLIC_FORM_RATE_IP", "30/h")
PUBLIC_FORM_RATE_SESSION = os.environ.get("PUBLIC_FORM_RATE_SESSION", "10/h")

# --- Search (search/) ----------------------------------------------------------------------
# "database" (default, embedded) or "elasticsearch" (needs ELASTICSEARCH_URL).
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "database")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "kennisnetwerk-practices")
# Seconds: a search's connect+read budget (then the database answers), writes' budget, and how
# long a worker skips the cluster after a failure (search/engines/breaker.py).
ELASTICSEARCH_SEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_SEARCH_TIMEOUT", "0.5"))
ELASTICSEARCH_SYNC_TIMEOUT = float(os.environ.get("ELASTICSEARCH_SYNC_TIMEOUT", "2"))
ELASTICSEARCH_WRITE_TIMEOUT = float(os.environ.get("ELASTICSEARCH_WRITE_TIMEOUT", "10"))
ELASTICSEARCH_COOLDOWN_SECONDS = float(os.environ.get("ELASTICSEARCH_COOLDOWN_SECONDS", "30"))

# --- Overview (practices/) -------------------------------------------------------------------
OVERVIEW_CACHE_SECONDS = int(os.environ.get("OVERVIEW_CACHE_SECONDS", "300"))

# --- Events (events/) ----------------------------------------------------------------------
REGISTRATION_RETENTION_DAYS = int(os.environ.get("REGISTRATION_RETENTION_DAYS", "90"))

# Personal data of quickscan respondents is erased this many days after a round closes.
QUICKSCAN_RETENTION_DAYS = int(os.environ.get("QUICKSCAN_RETENTION_DAYS", "90"))
# Bad quickscan links one client address may try (link guessing answers 429 after that).
QUICKSCAN_BAD_LINK_RATE = os.environ.get("QUICKSCAN_BAD_LINK_RATE", "20/h")
# A municipality that has not finished gets at most one quickscan reminder per this many days.
QUICKSCAN_REMINDER_DAYS = int(os.environ.get("QUICKSCAN_REMINDER_DAYS", "7"))

# Password of the local demo accounts (home.demo, members.demo); the demo refuses to run with DEBUG off.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "kennisnetwerk-demo")

# --- Security headers ------------------------------------------------------------------------
# django-csp: no inline scripts or styles on the public site (JS lives in assets/js/*.js).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Wagtail's admin still needs inline scripts/styles (inline panels, date widgets, rich text).
CSP_ADMIN_PREFIXES = ["/admin/"]
CSP_ADMIN_REPLACE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],  # preview panel
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail relaxes this to SAMEORIGIN for its preview views itself
# Uploads: documents only of the types in WAGTAILDOCS_EXTENSIONS and at most this size.
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "20")) * 1024 * 1024
# No third-party requests from the admin either (privacy; and they would break the CSP above).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Login throttling (django-axes) ---------------------------------------------------------
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# --- Members (members/) --------------------------------------------------------------------
MEMBER_AUTO_VERIFY_DOMAINS = env_list("MEMBER_AUTO_VERIFY_DOMAINS", "minjenv.nl")
MEMBER_SIGNUP_OPEN = env_bool("MEMBER_SIGNUP_OPEN", True)
# Contacting peers: messages per sender per rolling hour / day (counted in members.ContactLog).
MEMBER_CONTACT_LIMIT_HOUR = int(os.environ.get("MEMBER_CONTACT_LIMIT_HOUR", "5"))
MEMBER_CONTACT_LIMIT_DAY = int(os.environ.get("MEMBER_CONTACT_LIMIT_DAY", "20"))
# django-allauth: e-mail login, mandatory verification, no user enumeration, Dutch templates.
ACCOUNT_ADAPTER = "members.adapters.MemberAccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.MemberSignupForm"
ACCOUNT_FORMS = {
    name: f"members.allauth_forms.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "add_email": "AddEmailForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
    }.items()
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"  # generated from the e-mail address
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # confirming is a POST (mail scanners follow GET links)
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_PREVENT_ENUMERATION = True
# A reset request for an unknown address gets allauth's "no account with this address" mail: the
# same work (one mail rendered, queued and sent) as for a known address, so the response time
# does not tell whether an account exists. Rate-limited per address below ("reset_password").
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_CHANGE_EMAIL = True  # one address per member; changing it needs a new confirmation
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kennisnetwerk Scheiden] "
ACCOUNT_RATE_LIMITS = {
    # allauth counts these in the cache (per worker with the default local-memory cache)
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "5/m/ip,20/h/ip",
    "reset_password": "10/m/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# django-axes: lock out per login name (allauth passes "email", the admin "username") and IP.
AXES_USERNAME_CALLABLE = "members.axes.axes_username"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:account"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # one line per background task is noise at INFO
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}
