"""
Amane's settings, read from the environment.

Development defaults are safe for `make run` on a laptop: SQLite in var/, a generated
secret key, the server bound to 127.0.0.1. AMANE_PROFILE=production turns on every
protection `check --deploy` asks for and requires a real secret key and host names.
"""

import datetime as dt
import hashlib
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from amane.env import env_bool, env_int, env_list, env_secret, env_str

# Lets admin classes be written ModelAdmin[Report], as the type checker wants them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("AMANE_VAR_DIR", str(BASE_DIR / "var")))

PROFILE = env_str("AMANE_PROFILE", "development")
if PROFILE not in {"development", "production"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"AMANE_PROFILE must be development or production, not {PROFILE!r}")
PRODUCTION = PROFILE == "production"

DEBUG = env_bool("AMANE_DEBUG", False)
SECRET_KEY = env_secret("AMANE_SECRET_KEY", None if PRODUCTION else VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("AMANE_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("AMANE_CSRF_TRUSTED_ORIGINS", [])
# Other sites whose pages may send writes to the API from a visitor's browser (none by default).
AMANE_CORS_ORIGINS = env_list("AMANE_CORS_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "axes",
    "amane.core",
    "amane.accounts",
    "amane.audit",
    "amane.notifications",
    "amane.geo",
    "amane.reports",
    "amane.authorities",
    "amane.inbox",
    "amane.conversations",
    "amane.service_levels",
    "amane.associations",
    "amane.announcements",
    "amane.directory",
    "amane.meetings",
    "amane.flags",
    "amane.blackspots",
    "amane.analytics",
    "huey.contrib.djhuey",
    "amane.web",
    "amane.tiles",
    "amane.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "amane.core.middleware.ArabicFirstLocaleMiddleware",
    # After the language is chosen, so that the refusal is in it; sessions load lazily.
    "amane.core.middleware.RejectNulBytes",
    "amane.core.api_guard.ApiGuard",
    "amane.reports.public_cache.PublicReadCache",
    # Inside the cache, so that a cached answer is stored compressed (keyed by encoding).
    "amane.core.compression.CompressText",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "amane.urls"
WSGI_APPLICATION = "amane.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amane.announcements.context_processors.ticker",
                "amane.web.workspace.workspace",
            ],
        },
    },
]


def _database() -> dict[str, object]:
    url = env_str("DATABASE_URL", "")
    if url:
        # Health checks: a pooled connection that the server closed (a restart, a failover) is
        # replaced before the next request uses it, instead of failing that request with a 500.
        database = dict(
            dj_database_url.parse(url, conn_max_age=env_int("AMANE_DB_CONN_MAX_AGE", 60), conn_health_checks=True)
        )
        # One test database per checkout: two clones testing on one server at once (a CI run
        # beside a working copy) would otherwise drop each other's "test_<name>" mid-run.
        checkout = hashlib.sha1(str(BASE_DIR).encode(), usedforsecurity=False).hexdigest()[:8]
        database["TEST"] = {"NAME": f"test_{database['NAME']}_{checkout}"}
        return database
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "amane.sqlite3",
        # WAL lets the public read while a report is being written; IMMEDIATE takes the
        # write lock at BEGIN so two writers queue instead of failing mid-transaction.
        # synchronous=FULL syncs the WAL at every commit: a report whose receipt code was shown
        # survives a power cut (NORMAL may roll the last commits back).
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL", "")}
        if env_str("REDIS_URL", "")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}


def _task_queue_file() -> str:
    # The consumer and every process that enqueues open it at start, before anything else makes var/.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return str(VAR_DIR / "huey.sqlite3")


# Background jobs (Huey). No extra server by default: the queue is a SQLite file in var/, and
# `make run` starts its consumer beside the web server (`amane run_huey`). With REDIS_URL set
# the queue lives in Redis and any number of consumers may run on other machines. Tests
# switch it to immediate mode (amane/conftest.py): a task runs in the caller, in memory.
HUEY = {
    "name": "amane",
    "immediate": env_bool("AMANE_TASKS_IMMEDIATE", False),
    "utc": True,
    "consumer": {"workers": env_int("AMANE_TASK_WORKERS", 1), "worker_type": "thread", "periodic": True},
    **(
        {"huey_class": "huey.RedisHuey", "url": env_str("REDIS_URL", "")}
        if env_str("REDIS_URL", "")
        else {"huey_class": "huey.SqliteHuey", "filename": _task_queue_file()}
    ),
}
# Who hears of each escalation (an e-mail address or phone number; empty: nobody), until unit
# heads are notified through their memberships.
AMANE_ESCALATION_NOTIFY = env_str("AMANE_ESCALATION_NOTIFY", "")

# Notices to reporters and officers: console by default; SMTP and an SMS gateway by settings.
EMAIL_BACKEND = env_str("AMANE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("AMANE_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("AMANE_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("AMANE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("AMANE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("AMANE_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("AMANE_EMAIL_FROM", "Amane <no-reply@localhost>")
AMANE_SMS_BACKEND = env_str("AMANE_SMS_BACKEND", "amane.notifications.sms.ConsoleSmsBackend")
# Where notices' links point: e-mails and text messages are read outside any request.
AMANE_SITE_URL = env_str("AMANE_SITE_URL", "http://localhost:8000")

# Argon2 for every new or changed password; the others only read hashes made before.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    # Refuses before any password is checked when the account is locked out from this address.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# Failed sign-ins are counted per account and address together, so that a stranger cannot
# lock an officer out from everywhere by guessing from afar; a success clears the count.
AXES_FAILURE_LIMIT = env_int("AMANE_SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AMANE_SIGN_IN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "amane.accounts.views.locked_out"
# How long an invitation link works.
AMANE_INVITATION_DAYS = env_int("AMANE_INVITATION_DAYS", 7)
# Staff sessions end after a working day, and when the browser is closed.
SESSION_COOKIE_AGE = env_int("AMANE_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ar"
FORMAT_MODULE_PATH = ["amane.formats"]
LANGUAGES = [("ar", _("Arabic")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "amane" / "locale"]
LANGUAGE_COOKIE_NAME = "amane_language"
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "amane.core.storage.DurableFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Photos are never served straight from disk: a view checks that the viewer may see them.
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Uploads: 5 photos of at most 8 MB each, plus form fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# A few more than the five photos a report takes, so that six get a clear message.
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Each file is cut one byte past the photo limit while it arrives (amane.core.uploads).
FILE_UPLOAD_HANDLERS = [
    "amane.core.uploads.PhotoSizeCap",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
AMANE_PHOTO_MAX_BYTES = env_int("AMANE_PHOTO_MAX_BYTES", 8 * 1024 * 1024)
AMANE_PHOTO_MAX_PIXELS = env_int("AMANE_PHOTO_MAX_PIXELS", 40_000_000)
AMANE_PHOTO_MAX_EDGE = env_int("AMANE_PHOTO_MAX_EDGE", 2048)

# Receipt-code hashes: 0 stores a salted BLAKE2b hash (a microsecond); 1 to 20 store scrypt at
# 2**n instead (2**14: 16 MiB and ~30 ms per submission and per guess). The 70-bit secret is
# out of reach of an offline search either way: see amane/reports/receipt.py. Records stored
# under either scheme keep verifying whatever this says.
AMANE_RECEIPT_SCRYPT_LOG2_N = env_int("AMANE_RECEIPT_SCRYPT_LOG2_N", 0)

# The base map is optional: without one the map draws commune boundaries only. A raster
# PMTiles archive on the server (amane/tiles) is served by Amane itself, so no third party
# learns where reporters look; a tile server elsewhere only if AMANE_TILE_URL names one (the
# archive wins when both are set).
AMANE_PMTILES_PATH = env_str("AMANE_PMTILES_PATH", "")
AMANE_TILE_URL = "" if AMANE_PMTILES_PATH else env_str("AMANE_TILE_URL", "")
AMANE_TILE_ATTRIBUTION = env_str("AMANE_TILE_ATTRIBUTION", "")


def _leaflet_static_dir() -> Path:
    """Return the static folder of django-leaflet, which ships Leaflet itself."""
    # Only Leaflet's files are needed: the app's admin widgets import GeoDjango and GDAL.
    spec = find_spec("leaflet")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent / "static"


STATICFILES_DIRS = [_leaflet_static_dir()]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_receipt_codes": {"()": "amane.core.logging.RedactReceiptCodes"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_receipt_codes"]}},
    "root": {"handlers": ["console"], "level": env_str("AMANE_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines carry paths, and a tracking path carries a receipt code.
        "django.server": {"handlers": [], "propagate": False},
        # Replaces Django's own console handler, which would print 404 paths unfiltered.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}


def _origin(url: str) -> list[str]:
    parts = urlsplit(url)
    # Leaflet's {s} picks one of several subdomains: a wildcard covers them all.
    host = parts.netloc.replace("{s}", "*")
    return [f"{parts.scheme}://{host}"] if parts.scheme in ("http", "https") and host else []


# No inline script or style anywhere: a script injected into a page, or a report's text that
# slipped past escaping, cannot run. Images may come from a tile server only if one is set.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_origin(AMANE_TILE_URL)],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Filing and tracking, per client: the key is a keyed hash of the address, held in the cache
# only (Redis when REDIS_URL is set; otherwise each process counts for itself) and gone when
# its window ends. "off" turns the limits off, for load benchmarks from one address.
RATELIMIT_ENABLE = env_str("AMANE_RATE_LIMITS", "on") != "off"
AMANE_RATE_LIMITS = {
    "file": env_str("AMANE_RATE_LIMIT_FILE", "10/m"),
    "track": env_str("AMANE_RATE_LIMIT_TRACK", "30/m"),
}
# How many reverse proxies in front of Amane append to X-Forwarded-For (0: use REMOTE_ADDR).
AMANE_TRUSTED_PROXIES = env_int("AMANE_TRUSTED_PROXIES", 0)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "amane.core.error_views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("AMANE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("AMANE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Covering indexes (INCLUDE) serve PostgreSQL's index-only reads; SQLite reads the same index
# by its keys and ignores the rest, which is what the warning says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
