"""Settings, 12-factor: every deployment difference is an environment variable with an embedded default.

Embedded default (``make run``): SQLite under ``var/``, no Redis, DEBUG on.
Production: set ``DATABASE_URL`` (PostgreSQL), ``REDIS_URL``, ``SECRET_KEY``, ``DEBUG=0``, ``ALLOWED_HOSTS``.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("GOVSITE_HOME", PACKAGE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("GOVSITE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


DEBUG = env_bool("DEBUG", True)
# The embedded default key only ever serves a developer's machine; production must set SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "govsite-embedded-development-key-not-for-production")
if not DEBUG and SECRET_KEY.startswith("govsite-embedded"):
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")

# *.localhost resolves to the loopback address in browsers, so the demo cluster's sites each get a name.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", ".localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "govsite.core",
    "govsite.cluster",
    "govsite.columns",
    "govsite.content",
    "govsite.editorial",
    "govsite.demo",
    "govsite.supervision",
    "govsite.interaction",
    "govsite.interaction.letters",
    "govsite.interaction.disclosure",
    "govsite.interaction.consultations",
    "govsite.interaction.surveys",
    "govsite.interaction.interviews",
    "govsite.syndication",
    "captcha",
    "django_fsm",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "govsite.urls"
WSGI_APPLICATION = "govsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "govsite.cluster.context_processors.site_identity",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'govsite.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite creates the file but not its folder; a fresh checkout has no var/ yet.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the public site read while an editor or the demo loader writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    # Tests use a file as well, not Django's shared in-memory database: there a reader meeting another
    # thread's write lock fails at once, so live-server tests would not behave as the real site does.
    # One file per test run (xdist workers add their own suffix), so runs side by side never share one.
    _test_run = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getpid()))[:8]
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test_govsite_{_test_run}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# The public's attachments and answer documents: outside MEDIA_ROOT, so no server publishing it can serve them.
GOVSITE_PRIVATE_MEDIA_ROOT = Path(os.environ.get("GOVSITE_PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In the embedded mode WhiteNoise serves static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "GovSite 政府网站集约化平台"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ofd", "txt", "zip", "rar", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "govsite.core.error_views.csrf_failure"  # Chinese, renders without the database
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Celery: a real broker when one is configured, else tasks run in-process (the embedded mode).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
# A task is acknowledged only when done, and given back when its worker dies: a killed worker's
# sites are inspected again by another worker instead of being lost.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# How long an unacknowledged task waits before the broker hands it to another worker.
# Workers sweep for such abandoned tasks every CELERY_RESTORE_INTERVAL seconds (kombu's default
# throttle would make that ten times longer).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    "unacked_restore_interval": int(os.environ.get("CELERY_RESTORE_INTERVAL", "10")),
    "unacked_restore_throttle": 1,
}
CELERY_TIMEZONE = TIME_ZONE
# Embedded mode only: a batch started from the admin runs in a background thread ("background") or
# inside the request ("inline", what the tests use so that they can assert on the result).
SUPERVISION_EMBEDDED_RUNS = os.environ.get("GOVSITE_EMBEDDED_RUNS", "background")
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "govsite")
CELERY_BEAT_SCHEDULE = {
    # ≥20 probes a day per site, as the unreachable-site veto requires: one every hour.
    "probe-all-sites": {"task": "govsite.supervision.tasks.probe_all_sites", "schedule": 3600.0},
    # A full inspection of every monitored site once a week.
    "inspect-all-sites": {"task": "govsite.supervision.tasks.inspect_all_sites", "schedule": 7 * 24 * 3600.0},
    # Deadline reminders for letters and disclosure requests, each morning before the working day starts
    # (each reminder is sent once, so a rerun is harmless).
    "remind-letters": {
        "task": "govsite.interaction.letters.tasks.remind_letters",
        "schedule": crontab(hour=8, minute=0),
    },
    "remind-disclosure": {
        "task": "govsite.interaction.disclosure.tasks.remind_disclosure",
        "schedule": crontab(hour=8, minute=5),
    },
    # Repost subscriptions read every 10 minutes: the 24-hour clock starts at upstream publication.
    "poll-repost-sources": {"task": "govsite.syndication.tasks.poll_repost_sources", "schedule": 600.0},
    # Column digest to column owners each morning (once per user and day).
    "column-digests": {
        "task": "govsite.syndication.tasks.send_cadence_digests",
        "schedule": crontab(hour=7, minute=30),
    },
}

# Mail (reminders, digests): SMTP when a host is configured, else printed to the console (the embedded mode).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "GovSite <noreply@govsite.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Number of items per page in a column list.
GOVSITE_COLUMN_PAGE_SIZE = 20
# Hours to repost State Council key information, from its publication (Fujian requires 8); the default
# of each new repost subscription, which an editor may tighten per subscription.
GOVSITE_REPOST_DEADLINE_HOURS = int(os.environ.get("GOVSITE_REPOST_DEADLINE_HOURS", "24"))
# Rule set of the official indicators that the platform's own warnings follow (see govsite.indicators).
GOVSITE_RULESET = os.environ.get("GOVSITE_RULESET", "gov2019")

# Public forms (letters, requests, comments): self-hosted CAPTCHA, rate limits, attachments.
CAPTCHA_CHALLENGE_FUNCT = "govsite.interaction.captcha.digit_challenge"
CAPTCHA_TIMEOUT = 10  # minutes to fill in the form after the image was drawn
CAPTCHA_LETTER_ROTATION = (-20, 20)
GOVSITE_TRUSTED_PROXIES = int(os.environ.get("GOVSITE_TRUSTED_PROXIES", "0"))  # 1 behind nginx
GOVSITE_RATE_LIMITS = {
    key: value
    for key, value in {
        "ip": os.environ.get("GOVSITE_RATE_LIMIT_IP"),
        "phone": os.environ.get("GOVSITE_RATE_LIMIT_PHONE"),
    }.items()
    if value
}
GOVSITE_ATTACHMENT_MAX_BYTES = int(os.environ.get("GOVSITE_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
