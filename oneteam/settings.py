"""One settings module, driven by environment variables (see docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from oneteam.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ONETEAM_VAR_DIR", str(BASE_DIR / "var"))).resolve()

ONETEAM_ENV = env_choice("ONETEAM_ENV", ("development", "production"), "development")
PRODUCTION = ONETEAM_ENV == "production"
DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = secret_key(VAR_DIR)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# In development the default follows PORT (`make run PORT=8100` passes it to the server), so
# links in emails and feed addresses point at the port the site is actually served on.
SITE_URL = env_str(
    "SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000, minimum=1) if not PRODUCTION else 8000}"
).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",
    "django_tasks_db",
    "oneteam.core",
    "oneteam.accounts",
    "oneteam.members",
    "oneteam.chapters",
    "oneteam.events",
    "oneteam.programme",
    "oneteam.live",
    "oneteam.timetable",
    "oneteam.outcomes",
    "oneteam.introductions",
    "oneteam.demo",
    "oneteam.pages",
    "oneteam.community",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages middleware: it tells people why they were signed out.
    "oneteam.accounts.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "oneteam.urls"
ASGI_APPLICATION = "oneteam.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "oneteam" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oneteam.core.context_processors.site",
            ],
        },
    }
]
FORM_RENDERER = "oneteam.core.forms.GovukFormRenderer"

# --- Data -------------------------------------------------------------------------------------
DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'oneteam.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", DEFAULT_SQLITE))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at BEGIN so
    # concurrent writers queue on busy_timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    # SQLite creates the file but not its folder; a fresh clone with SECRET_KEY set has none.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
else:
    # Under ASGI each request runs in its own thread; persistent connections would pile up
    # one per thread, so the default closes them (use a pooler such as PgBouncer to reuse).
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 0, minimum=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Parallel test workers share one Redis; their own prefix keeps them apart.
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX") + env_str("PYTEST_XDIST_WORKER"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Live updates (oneteam/live): how much a reconnecting client can catch up on, the Redis keys,
# and the streams' timing. Read only here; oneteam/live reads them as settings.LIVE_*.
LIVE_REPLAY_EVENTS = env_int("LIVE_REPLAY_EVENTS", 500, minimum=1)
LIVE_REPLAY_SECONDS = env_int("LIVE_REPLAY_SECONDS", 3600, minimum=1)
LIVE_QUEUE_LIMIT = env_int("LIVE_QUEUE_LIMIT", 1000, minimum=1)
LIVE_REDIS_PREFIX = env_str("LIVE_REDIS_PREFIX", "oneteam:live")
LIVE_HEARTBEAT_SECONDS = env_int("LIVE_HEARTBEAT_SECONDS", 15, minimum=1)
LIVE_RETRY_MS = env_int("LIVE_RETRY_MS", 2000, minimum=1)
LIVE_STREAM_MAX_SECONDS = env_int("LIVE_STREAM_MAX_SECONDS", 600, minimum=1)
LIVE_CHANNEL_CHECK_SECONDS = env_int("LIVE_CHANNEL_CHECK_SECONDS", 5, minimum=0)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Accounts and sessions ----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Passwordless: people sign in by an emailed code or single sign-on, never by password. This
# backend loads signed-in people and their permissions but refuses every password.
AUTHENTICATION_BACKENDS = ["oneteam.accounts.backends.SignInByCodeBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_SECONDS = env_int("ONETEAM_SESSION_IDLE_MINUTES", 120, minimum=1) * 60
SESSION_COOKIE_AGE = env_int("ONETEAM_SESSION_MAX_HOURS", 12, minimum=1) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# A refused form gets a page in the site's layout that says what to do next.
CSRF_FAILURE_VIEW = "oneteam.core.errors.csrf_failure"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Email the owner about security-relevant changes: address changed, added or removed, single
# sign-on connected or disconnected, and (ours) "sign out everywhere". Sent after commit; see
# AccountAdapter.send_notification_mail.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[One Team] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_RATE_LIMITS = {
    # allauth applies "login" to the whole sign-in view, where there is no address to key on
    # (a per-key rate here raises ImproperlyConfigured); per-address limits are the next two.
    "login": "20/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "request_login_code": "10/m/ip,3/m/key",
    "signup": "20/m/ip",
}
ACCOUNT_ADAPTER = "oneteam.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {  # see oneteam/accounts/forms.py for what each one changes
    "login": "oneteam.accounts.forms.SignInForm",
    "request_login_code": "oneteam.accounts.forms.RequestCodeForm",
    "confirm_login_code": "oneteam.accounts.forms.ConfirmLoginCodeForm",
    "confirm_email_verification_code": "oneteam.accounts.forms.ConfirmEmailVerificationCodeForm",
}
# Tracking activity saves a row on every signed-in request, which on SQLite serialises all of
# them behind the write lock. Sessions are still recorded at sign-in, so "sign out
# everywhere" works; SessionLifetimeMiddleware keeps last-seen time in the session itself.
USERSESSIONS_TRACK_ACTIVITY = False
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False

OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID")
SOCIALACCOUNT_PROVIDERS = {}
if OIDC_CLIENT_ID:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": env_str("OIDC_PROVIDER_ID", "oidc"),
                "name": env_str("OIDC_PROVIDER_NAME", "Single sign-on"),
                "client_id": OIDC_CLIENT_ID,
                "secret": env_str("OIDC_CLIENT_SECRET"),
                "settings": {"server_url": env_str("OIDC_SERVER_URL")},
            }
        ],
        "OAUTH_PKCE_ENABLED": True,
    }

# --- Email ---------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "One Team <no-reply@oneteam.localhost>")
SMTP_HOST = env_str("SMTP_HOST")
ONETEAM_MAIL_DIR = VAR_DIR / "mail"
ONETEAM_DEV_MAILBOX = not PRODUCTION and not SMTP_HOST
if SMTP_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": SMTP_HOST,
                "port": env_int("SMTP_PORT", 587, minimum=1),
                "username": env_str("SMTP_USER"),
                "password": env_str("SMTP_PASSWORD"),
                "use_tls": env_bool("SMTP_USE_TLS", default=True),
                "timeout": 20,
            },
        }
    }
elif PRODUCTION:
    # No SMTP configured: log emails rather than lose them silently.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(ONETEAM_MAIL_DIR)},
        }
    }

# --- Internationalisation ---
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
LOCALE_PATHS = [BASE_DIR / "oneteam" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "oneteam" / "static"]
# Outside production, serve files straight from the apps so edits show without collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Security headers (all environments; transport security in production) ---
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a commitment for the whole domain; the operator opts in, not us.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Every record is written by the console handler, whose filter blanks out feed tokens, signed
# links, sign-in codes and secrets in query strings (oneteam/core/redaction.py). Django's own
# handlers (a console in DEBUG, mail to ADMINS) would write records before that filter, so
# Django's records go only to the root's handler.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "oneteam.core.redaction.RedactSecrets"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
    "root": {
        "handlers": ["console"],
        "filters": ["redact_secrets"],
        "level": env_str("LOG_LEVEL", "INFO"),
    },
}
