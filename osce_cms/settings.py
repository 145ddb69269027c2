"""Settings for the newsroom, read from the environment.

Development: ``DJANGO_DEBUG=1`` (what ``make run`` sets). Production: debug off, and the site
refuses to start without ``DJANGO_SECRET_KEY`` (a strong one) and ``DJANGO_ALLOWED_HOSTS``.
"""

import logging
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (made by ``make`` for development machines). Variables already in the
# environment win, so a deployment's own settings are never overridden by a stray file.
environ.Env.read_env(env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# Surrounding whitespace is a copy-and-paste accident, and a blank key is no key at all.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="").strip()
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if DEBUG:
    SECRET_KEY = SECRET_KEY or "development-only-key-never-used-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
else:
    missing = [
        name
        for name, value in (
            ("DJANGO_SECRET_KEY", SECRET_KEY),
            ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "Production settings need " + " and ".join(missing) + " in the environment "
            "(or set DJANGO_DEBUG=1 for local development)."
        )
    # Django's own rule for a guessable key (check security.W009), enforced at start-up rather
    # than left to `check --deploy`: the key signs sessions and password reset links.
    if (
        len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
        or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
    ):
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY is too weak for production: it needs at least "
            f"{SECRET_KEY_MIN_LENGTH} characters, at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} "
            f"different ones, and no '{SECRET_KEY_INSECURE_PREFIX}' prefix. Make one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )

INSTALLED_APPS = [
    # Before the admin, as its documentation requires: it patches the registered models'
    # admin classes and their forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "taxonomy.apps.TagsConfig",  # django-taggit, named "Tags" in the admin
    "django_prose_editor",
    "reversion",
    "sorl.thumbnail",
    "axes",
    # django-ninja: the public API; listed for its Swagger UI files, served from /static/.
    "ninja",
    "core",
    "taxonomy",
    "press",
    "listing",
    "website",
    "api",
    "alerts",
]

MIDDLEWARE = [
    # Outermost, so that tasks a request enqueues (mail) run after its final response is sent.
    "core.tasks.run_tasks_after_response",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before anything reads the body: an oversized upload is refused unread.
    "core.uploads.refuse_oversized_uploads",
    "core.middleware.reject_malformed_queries",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the database: marks anonymous public reads for the replica.
    "core.replica.route_public_reads",
    # ETag and 304 answers for every page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address (English unprefixed, /ru/… for Russian).
    "core.middleware.LanguageFromAddress",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.generations.PublicPageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "osce_cms.urls"
WSGI_APPLICATION = "osce_cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "website.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite by default (the embedded default), PostgreSQL through DATABASE_URL.
DATABASE_URL = env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the public read while an editor writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0


def prepared_statements(database: dict) -> None:
    """PostgreSQL binds the parameters itself, so a statement a connection runs again (every
    public page's) is prepared once and then neither parsed nor planned again: 13 % more
    release pages a second under load (bench/README.md). A pooler that cannot keep
    prepared statements (PgBouncer before 1.21 in transaction mode) wants
    DATABASE_PREPARED_STATEMENTS=0."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    options = database.setdefault("OPTIONS", {})
    options["server_side_binding"] = True
    # Prepared from a statement's third run on a connection (psycopg prepares nothing when
    # Django leaves this unset).
    use = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
    options["prepare_threshold"] = 2 if use else None


prepared_statements(DATABASES["default"])
# A streaming replica of the primary answers anonymous public reads (core/replica.py). It is
# a copy of the primary, test database included: tests use the primary's, never create one.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    prepared_statements(DATABASES["replica"])
    # A replica that is down costs a request this long once; then it is left alone a while.
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.replica.ReplicaRouter"]
# Reads go to the primary this long after a write (the writer) or a content change (everyone).
REPLICA_PIN_SECONDS = env.float("DATABASE_REPLICA_PIN_SECONDS", default=5.0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory, or Redis when REDIS_URL is set. A Redis outage must never break a
# page, so its errors are logged and treated as cache misses.


def redis_cache(url: str, retry_after_seconds: float = 5) -> dict:
    """The cache settings for the Redis at ``url``: django-redis with a circuit breaker, so
    a Redis that hangs costs a request one timeout at most, then the site runs uncached
    until Redis answers again (core/cache.py)."""
    return {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "RETRY_AFTER_SECONDS": retry_after_seconds,
        },
        "KEY_PREFIX": "newsroom",
    }


REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL, env.float("REDIS_RETRY_AFTER_SECONDS", default=5))}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failures lock out one username at one address for an hour; colleagues behind the same
# address, and the same account from elsewhere, can still sign in. One address failing 20 times
# over any usernames is locked out as a whole (see core/login_throttle.py).
AXES_HANDLER = "core.login_throttle.PairLockoutHandler"
AXES_FAILURE_LIMIT = 5
NEWSROOM_ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind a reverse proxy every request comes from the proxy's address: lockouts by IP would
# lock out everyone at once. DJANGO_PROXY_COUNT (the number of proxies in front of the site,
# each appending to X-Forwarded-For) makes axes use the client's address instead.
AXES_IPWARE_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0) or None
if AXES_IPWARE_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# Staff sign in through the admin. An unsafe ?next= (another site) falls back to
# LOGIN_REDIRECT_URL, which must be a real page rather than Django's /accounts/profile/.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
LOGOUT_REDIRECT_URL = "admin:login"
# A password reset link is a key to an account: it should not stay valid for days.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Background work: Django's tasks framework. Mail is enqueued as a task and leaves after the
# response has been sent (see core/tasks.py), never inside the request.
TASKS = {"default": {"BACKEND": "core.tasks.AfterResponseBackend"}}

# Email alerts (alerts/): a Celery worker on the Redis broker runs their tasks, and beat
# enqueues the periodic ones below. Without CELERY_BROKER_URL the tasks run in the process
# that enqueues them (development: `make run` says so; the periodic ones then do not run).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# One task at a time per worker process, acknowledged when done: a task of a worker that
# was killed goes to another one (each delivery is claimed, so none is sent twice).
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = "Europe/Vienna"
CELERY_BEAT_SCHEDULE = {
    # Scheduled releases that went live, stopped workers, waiting mail.
    "alerts-scan": {"task": "alerts.scan", "schedule": 60.0},
    "alerts-daily": {
        "task": "alerts.send_digests",
        "schedule": crontab(minute=0, hour=7),
        "args": ["daily"],
    },
    "alerts-weekly": {
        "task": "alerts.send_digests",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
        "args": ["weekly"],
    },
}

# Mail (password resets, alerts). Development prints messages to the console.
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ALERTS = {
    # Links in mails are absolute: the site's public address.
    "SITE_URL": env.str("NEWSROOM_SITE_URL", default="http://127.0.0.1:8000"),
    "FROM_EMAIL": env.str("NEWSROOM_ALERTS_FROM_EMAIL", default=DEFAULT_FROM_EMAIL),
    "REPLY_TO": env.list("NEWSROOM_ALERTS_REPLY_TO", default=[]),
    # A confirmation link works this long.
    "CONFIRM_DAYS": 7,
    # Only releases gone live this recently are announced (an imported archive is not).
    "LOOKBACK_HOURS": env.int("NEWSROOM_ALERTS_LOOKBACK_HOURS", default=48),
    # Per worker process; 0 for no limit.
    "MAX_PER_MINUTE": env.int("NEWSROOM_ALERTS_MAX_PER_MINUTE", default=600),
    "CONFIRMATIONS_PER_ADDRESS_PER_HOUR": 3,
    "CONFIRMATIONS_PER_CLIENT_PER_HOUR": 20,
}

# British English: dates read "27 March 2012", as the organisation writes them.
LANGUAGE_CODE = "en-gb"
# The organisation's six working languages. English is the original of most releases and
# the language reference data falls back to.
LANGUAGES = [
    ("en-gb", _("English")),
    ("ru", _("Russian")),
    ("fr", _("French")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
]
# Reference data's names are translated in columns (name_en_gb, name_ru, ...); a name not
# yet translated shows in English, never as an empty label.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en-gb"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en-gb",)
# A term created with a plain ``name`` (code, fixtures, the importer) gets it as its English
# name whichever language is active, so it never lacks the name everything falls back to.
MODELTRANSLATION_AUTO_POPULATE = "required"
# The admin fills a slug from the English name, whatever language the editor reads it in.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en-gb"
FORMAT_MODULE_PATH = ["osce_cms.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Vienna"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Media is served by press/media.py, which checks who may see an image; behind nginx it answers
# with this internal location in X-Accel-Redirect and nginx sends the file (deploy/nginx.conf).
MEDIA_ACCEL_REDIRECT = env.str("DJANGO_MEDIA_ACCEL_REDIRECT", default="")
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

# Uploads: the image validator enforces its own limits; these stop oversized requests early.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 5
# A file over this is refused as it streams in (press/images.py MAX_BYTES is the same limit),
# and a multipart request to the admin declaring more than the file plus room for the form is
# refused before its body is read (core/uploads.py). nginx's client_max_body_size matches.
UPLOAD_MAX_FILE_BYTES = 10 * 1024 * 1024
UPLOAD_MAX_REQUEST_BYTES = UPLOAD_MAX_FILE_BYTES + 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "core.uploads.FileSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"

# Security headers. The Content Security Policy forbids inline script; templates that need a
# script load it from /static/ with the request's nonce.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    # blob: for the release form's preview of an image chosen but not uploaded yet.
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
}
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe the health check over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF cookie (forms carry the token), so scripts may not either.
CSRF_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

TAGGIT_CASE_INSENSITIVE = True

# Backups: Django's JSON format with datetimes kept to the microsecond (see manage.py backup).
SERIALIZATION_MODULES = {"json-exact": "core.management.exact_json"}

# Renditions in one folder per lead image, named after it (press/renditions.py).
THUMBNAIL_BACKEND = "press.renditions.RenditionBackend"
THUMBNAIL_PRESERVE_FORMAT = False
THUMBNAIL_FORMAT = "JPEG"
THUMBNAIL_QUALITY = 82

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django_redis": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
    },
}
logging.captureWarnings(True)

NEWSROOM = {
    "SITE_NAME": env.str("NEWSROOM_SITE_NAME", default="OSCE Newsroom"),
    "PUBLISHER": env.str(
        "NEWSROOM_PUBLISHER", default="Organization for Security and Co-operation in Europe"
    ),
    "PAGE_SIZE": 20,
    # The site's address for links in mail sent outside a request (review notices).
    "SITE_URL": env.str("NEWSROOM_SITE_URL", default="http://127.0.0.1:8000").rstrip("/"),
    # How often the release editor keeps unsaved changes on the server while one types.
    "AUTOSAVE_SECONDS": env.float("NEWSROOM_AUTOSAVE_SECONDS", default=10.0),
    # The release editor tells the server every so often that it is still open; a page not
    # heard from for EDITING_STALE_SECONDS no longer holds the release (a closed tab, a
    # laptop asleep).
    "EDITING_HEARTBEAT_SECONDS": env.float("NEWSROOM_EDITING_HEARTBEAT_SECONDS", default=30.0),
    "EDITING_STALE_SECONDS": env.float("NEWSROOM_EDITING_STALE_SECONDS", default=90.0),
    # A worker whose facet index took longer than this to build (seconds; a million
    # releases take about six) rebuilds the next one in the background, answering from the
    # previous one meanwhile, uncached.
    "INDEX_BACKGROUND_REBUILD_SECONDS": env.float(
        "NEWSROOM_INDEX_BACKGROUND_REBUILD_SECONDS", default=2.0
    ),
    # The public API (/api/v1/): requests per client address in each window, and the
    # limit a new API key starts with (kept per key in the admin).
    "API_RATE_LIMIT": env.int("NEWSROOM_API_RATE_LIMIT", default=120),
    "API_RATE_WINDOW_SECONDS": env.int("NEWSROOM_API_RATE_WINDOW_SECONDS", default=60),
    "API_KEY_RATE_LIMIT": env.int("NEWSROOM_API_KEY_RATE_LIMIT", default=1200),
    # Hosts whose links the background link check asks although they resolve to a private
    # network (an intranet the organisation links to); every other such host is refused.
    "LINK_CHECK_PRIVATE_HOSTS": env.list("NEWSROOM_LINK_CHECK_PRIVATE_HOSTS", default=[]),
}
