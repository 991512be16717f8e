"""Settings come from environment variables; the defaults give a local SQLite set-up."""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.secret_key import local_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)
# SECRET_KEY: see "Production serving and sign-in" below.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

# Where the shared public data (seeds, Ofsted statistics, report PDFs) lives.
# Beside the repository by default; a clone made elsewhere (e.g. under /tmp) falls back to the workplace copy.
_SHARED_CANDIDATES = [BASE_DIR.parent / "shared", Path("/work/shared")]
SHARED_DATA_DIR = Path(
    os.environ.get("SHARED_DATA_DIR")
    or next((str(path) for path in _SHARED_CANDIDATES if (path / "seeds").is_dir()), _SHARED_CANDIDATES[0])
).resolve()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",  # failed sign-in throttling (see "Production serving and sign-in")
    "inspections",
    "improvement",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "inspections.middleware.RefuseNulBytesMiddleware",  # PostgreSQL cannot take a NUL: 400, not 500
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy on every page (static files are answered above)
    # Pages are compressed on the wire (Django's GZip adds random padding against BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.PrivateCacheControlMiddleware",  # nothing a signed-in user sees is kept by a cache
    # Every page needs a signed-in user; the login view opts out itself.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as an embedded server: readers never block the writer (WAL); a writer waits up to
    # SQLITE_BUSY_SECONDS for another instead of failing at once; and every transaction takes the write lock
    # when it begins (IMMEDIATE), because a transaction that read first and writes later cannot wait: SQLite
    # fails it with "database is locked" whatever the timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_BUSY_SECONDS", 30)),
        }
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Pages are cached per user until the record changes (inspections.record.caching); 0 turns the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 600))
CACHES = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", "pages"),
    }
}
if not CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Django's own caches cull past a number of entries; Redis evicts by its own maxmemory policy, and its
    # client would reject the option.
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 2000}
# Backups (manage.py backup_record / restore_record) use django-dbbackup's connector for the engine; a restore
# gives the objects to whoever restores (the production role need not be the one that made the backup).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DBBACKUP_CONNECTORS = {"default": {"RESTORE_SUFFIX": "--no-owner --no-privileges"}}
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Reports are PDFs of a few MB; anything far bigger is refused before parsing.
MAX_DOCUMENT_BYTES = int(os.environ.get("MAX_DOCUMENT_BYTES", 20 * 1024 * 1024))
# How long an upload's preview waits for its confirm before its files are removed (inspections.upload).
UPLOAD_PREVIEW_SECONDS = int(os.environ.get("UPLOAD_PREVIEW_SECONDS", 3600))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# ---------------------------------------------------------------------------------------------------------------
# Production serving and sign-in (README "Deploying"; every variable is listed in .env.example)
# ---------------------------------------------------------------------------------------------------------------
# Production is DJANGO_ENV=production, or DEBUG off with DJANGO_ALLOW_INSECURE_KEY=false (the older switch).
PRODUCTION = os.environ.get("DJANGO_ENV", "local").lower() == "production" or (
    not DEBUG and not env_bool("DJANGO_ALLOW_INSECURE_KEY", default=True)
)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required in production (DJANGO_ENV=production): every process must share it; "
            "make one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Local runs and tests: a random key made once and kept in a git-ignored file, never one from the repository.
    SECRET_KEY = local_secret_key(Path(os.environ.get("DJANGO_SECRET_KEY_FILE", BASE_DIR / ".secret_key")))

# HTTPS only, unless DEBUG is on or DJANGO_HTTPS=false says this is a plain-HTTP local run (scripts/run, tests).
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000 if HTTPS else 0))  # a year
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
# The preload directive alone enrols nothing: a domain joins browsers' lists only when its owner submits it.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
# Behind N trusted proxies (each overwriting X-Forwarded-Proto and appending to X-Forwarded-For): the request
# was HTTPS if the proxy says so, and the client's address is the one the outermost proxy saw.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", 0))
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Django's own defaults, spelled out because a government service is expected to send them.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): everything from this origin, nothing inline. Charts are drawn by
# static/js/charts.js from JSON data blocks, so no page needs an inline script; see README "Deploying" for styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # data: for the empty favicon and the admin's inline SVG icons
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Sign-in throttling (django-axes): DJANGO_SIGN_IN_FAILURE_LIMIT failures for one username, or from one address,
# lock it for DJANGO_SIGN_IN_COOLOFF_MINUTES; each further try while locked starts the wait again. An admin
# unlocks in the admin (Axes: access attempts, delete) or with `manage.py axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, so a locked-out sign-in never reaches the password check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_SIGN_IN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_SIGN_IN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.sign_in.client_address"
AXES_LOCKOUT_CALLABLE = "config.sign_in.locked_out"

# Errors to stderr (gunicorn's error log, or the service manager's journal); mailed too when DJANGO_ADMINS is set.
ADMINS = [(name, address) for name, address in getaddresses(env_list("DJANGO_ADMINS")) if address]
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", "root@localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", SERVER_EMAIL)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=True)
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "WARNING").upper()  # for the project's own loggers
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"simple": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "simple"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler", "level": "ERROR", "filters": ["require_debug_false"],
        },
    },
    # The traceback of a 500 comes with django.request's ERROR record; the formatter appends it. runserver's access
    # lines (django.server) keep Django's own handler; gunicorn writes its access log itself.
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "axes": {"level": "WARNING"},  # failed sign-ins and lockouts, not its start-up banner
    },
}
