"""Settings shared by every environment. Values that differ come from the environment."""

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from redis.backoff import NoBackoff
from redis.retry import Retry

from .env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(env_str("TORI_VAR_DIR", str(BASE_DIR / "var")))

# --- Core -------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
    # Local development only (DEBUG=1): a per-checkout key kept out of version control.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    # Tori, in lifecycle order
    "partners",
    "cms",
    "ideas",
    "marketplace",
    "search",
    "marketplace.site",  # the site's plumbing, last: it connects the page cache
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.embeds",
    "wagtail.sites",
    "partners.apps.ToriUsersAppConfig",  # wagtail.users with forms for our user model
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",  # the database queue (TASKS_BACKEND=django_tasks_db.DatabaseBackend)
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    # Django
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
    "marketplace.site.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "marketplace.site.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "marketplace.site.urls"
WSGI_APPLICATION = "marketplace.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "marketplace" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
if DATABASE_URL.startswith("sqlite"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 0))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, rate limits -------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")


def redis_caches(url: str, key_prefix: str) -> dict:
    """The caches when Redis is configured: django-redis (marketplace/site/cache.py adds what an
    outage needs). Without Redis "default" answers misses, so pages render afresh and sessions
    are read from the database; "ratelimit" counts in the process's own memory ("local"), so no
    limit switches off. Both aliases share one connection pool (django-redis keeps one per URL,
    made with the options of the first alias that connects: keep them alike)."""
    options = {
        # Connecting gives up after half a second, an answer after one.
        "SOCKET_CONNECT_TIMEOUT": 0.5,
        "SOCKET_TIMEOUT": 1.0,
        # One immediate retry: a pooled connection that Redis closed (a restart) reconnects.
        "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 1)},
    }
    redis = {
        "BACKEND": "marketplace.site.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": options,
    }
    return {
        "default": redis,
        "ratelimit": {**redis, "OPTIONS": {**options, "FALLBACK": "local"}},
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"},
    }


def local_caches() -> dict:
    """Local memory is per process: fine for one laptop, not for several workers."""
    return {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "ratelimit", "local")
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, env_str("CACHE_KEY_PREFIX", "tori"))
    # Sessions are written to the database and cached: read from it when Redis is away.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = local_caches()
# django-ratelimit names the backends it knows: ours is django-redis's (marketplace/site/cache.py).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
# Rate limits (django-ratelimit, the API's throttle) count in their own alias (see above).
RATELIMIT_USE_CACHE = "ratelimit"
# Anonymous visitors' pages are served from the cache (marketplace/site/page_cache.py) for at most
# this many seconds; 0 turns the cache off (the default with DEBUG, so templates show edits).
TORI_PAGE_CACHE_SECONDS = env_int("TORI_PAGE_CACHE_SECONDS", 0 if DEBUG else 30)
TORI_PAGE_CACHE_SKIP_PREFIXES = ["/admin/", "/api/", "/documents/", "/static/", "/media/"]
# Votes and withdrawals a minute, per signed-in user and per client address (django-ratelimit rates).
TORI_VOTE_RATE_USER = env_str("TORI_VOTE_RATE_USER", "30/m")
TORI_VOTE_RATE_IP = env_str("TORI_VOTE_RATE_IP", "30/m")

# --- Authentication ---------------------------------------------------------------------
AUTH_USER_MODEL = "partners.User"
LOGIN_URL = "partners:login"
LOGIN_REDIRECT_URL = "partners:profile"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lifetime of e-mail verification and invitation links.
TORI_VERIFICATION_MAX_AGE = env_int("TORI_VERIFICATION_MAX_AGE", 3 * 24 * 3600)
TORI_INVITATION_MAX_AGE = env_int("TORI_INVITATION_MAX_AGE", 14 * 24 * 3600)
PASSWORD_RESET_TIMEOUT = 3 * 3600
# Rate limits (django-ratelimit): failed sign-ins per address and per IP, registrations per IP,
# password reset requests per IP and per address.
TORI_LOGIN_RATE = env_str("TORI_LOGIN_RATE", "5/m")
TORI_REGISTER_RATE = env_str("TORI_REGISTER_RATE", "10/h")
TORI_PASSWORD_RESET_RATE = env_str("TORI_PASSWORD_RESET_RATE", "5/m")
# Invitations sent (organisation and team invitations), per user and per IP.
TORI_INVITATION_RATE = env_str("TORI_INVITATION_RATE", "20/h")
# Retention: unverified accounts older than this are removed by `remove_unverified_accounts`.
TORI_UNVERIFIED_MAX_AGE_DAYS = env_int("TORI_UNVERIFIED_MAX_AGE_DAYS", 30)

# --- Languages and time -----------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Staff translate in wagtail-localize's side-by-side editor (docs/translating.md). A new
# translation starts as a draft, even of a live page: it is published from the editor by someone
# who may publish the page (the approval workflow is not bypassed).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "marketplace" / "locale"]
TIME_ZONE = "Europe/Helsinki"
# Dates, times and numbers as Finland writes them (docs/languages.md): 16.12.2026 klo 14.00,
# 16.12.2026 kl. 14.00, 16 Dec 2026, 14:00. Django's own formats fill in the rest.
FORMAT_MODULE_PATH = ["marketplace.site.formats"]
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- E-mail -----------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Another backend by name, e.g. django.core.mail.backends.filebased.EmailBackend with
# EMAIL_FILE_PATH: every message a file (a staging server, the end-to-end test).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", EMAIL_BACKEND)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tori <tori@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Tasks (mail, indexing): immediate on a laptop, workers at scale ---------------------
# TASKS_BACKEND=django_tasks_db.DatabaseBackend keeps the queue in Tori's database, run by
# `manage.py db_worker` (docs/deploy.md).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}
# Daily and weekly (Monday) digests go out from this hour on, Finnish time.
TORI_DIGEST_HOUR = env_int("TORI_DIGEST_HOUR", 7)
if not 0 <= TORI_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured(
        f"TORI_DIGEST_HOUR must be an hour from 0 to 23, not {TORI_DIGEST_HOUR}."
    )

# --- Search -----------------------------------------------------------------------------
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "tori")
SEARCH_FALLBACK_TO_DATABASE = env_bool("SEARCH_FALLBACK_TO_DATABASE", False)
# Seconds Tori waits for an Elasticsearch answer before it counts as unavailable.
ELASTICSEARCH_TIMEOUT = env_float("ELASTICSEARCH_TIMEOUT", 5.0)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Tori"
WAGTAILADMIN_LOGIN_URL = "/admin/login/"
# Where the Wagtail admin is mounted (marketplace/urls.py); its pages get the admin's CSP.
TORI_ADMIN_PREFIX = "/admin/"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "txt", "csv"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # never SVG
# Uploads from the public site (proposal covers): PNG or JPEG, checked by content and decoded.
TORI_IMAGE_MAX_BYTES = 8 * 1024 * 1024
TORI_IMAGE_MAX_PIXELS = 40_000_000
# Documents are streamed by Django as downloads (never inline from the site's origin), with
# Wagtail's CSP sandbox header.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# No avatars from Gravatar: each lookup would send a hash of a staff member's e-mail address to
# a third party. Wagtail shows its default avatar, or one uploaded in the account settings.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Proposals: attachments (private, outside MEDIA_ROOT) and comment rate -----------------
TORI_PRIVATE_ROOT = Path(env_str("TORI_PRIVATE_ROOT", str(VAR_DIR / "private")))
TORI_ATTACHMENT_MAX_BYTES = env_int("TORI_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
TORI_ATTACHMENTS_PER_PROPOSAL = env_int("TORI_ATTACHMENTS_PER_PROPOSAL", 5)
TORI_COMMENT_RATE = env_str("TORI_COMMENT_RATE", "10/m")
# Proposals on a page of a challenge's proposal list.
TORI_PROPOSALS_PER_PAGE = 20


# --- API --------------------------------------------------------------------------------
# The API views set their own authentication (none), permissions, renderers, pagination,
# throttling and exception handler (marketplace/api/views.py): these defaults stay Wagtail's.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Trusted proxies in front of the app: the throttle's client address is taken from
    # X-Forwarded-For only through that many proxies (0 = REMOTE_ADDR, not spoofable).
    "NUM_PROXIES": env_int("TORI_API_NUM_PROXIES", 0),
}
# Requests per anonymous client address: "<n>/<sec|min|hour|day>".
TORI_API_THROTTLE_RATE = env_str("TORI_API_THROTTLE_RATE", "120/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "Tori open data API",
    "DESCRIPTION": (
        "Read-only JSON for everything public on Tori: challenges, proposals, pilots, "
        'offerings and organisations. Errors answer {"errors": {"<parameter>": ["<message>"]}}.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "PREPROCESSING_HOOKS": ["marketplace.api.schema.only_api_v1"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "marketplace.api.schema.document_the_contract",
    ],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": False,
    "SERVERS": [{"url": SITE_URL}],
    "COMPONENT_NO_READ_ONLY_REQUIRED": False,
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "partners.models.Organisation.Kind",
        "CityEnum": "partners.models.City",
        "PhaseEnum": "cms.phases.Phase",
        "ProcurementMethodEnum": "marketplace.models.procurement.ProcurementMethod",
    },
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# --- Security (hardened further in production) -----------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# A refused CSRF check: Tori's own page, or JSON under /api/ (see marketplace/errors.py).
CSRF_FAILURE_VIEW = "marketplace.site.errors.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

ACCESSIBILITY_FEEDBACK_EMAIL = env_str("ACCESSIBILITY_FEEDBACK_EMAIL", "saavutettavuus@example.org")
# Accessibility feedback messages a client address may send (django-ratelimit rate).
TORI_ACCESSIBILITY_FEEDBACK_RATE = env_str("TORI_ACCESSIBILITY_FEEDBACK_RATE", "5/h")
# On-site feedback (QR code, kiosk: no account) a client address may send; a kiosk shares one
# address all day, so the rate allows a queue of visitors.
TORI_ONSITE_FEEDBACK_RATE = env_str("TORI_ONSITE_FEEDBACK_RATE", "30/h")
# The largest CSV file of paper or kiosk feedback staff may import (bytes).
TORI_FEEDBACK_IMPORT_MAX_BYTES = env_int("TORI_FEEDBACK_IMPORT_MAX_BYTES", 2 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

TORI_BRAND = _("Tori")

# Every form renders through one template of fields, errors and limits (partners/forms/).
FORM_RENDERER = "partners.renderers.ToriFormRenderer"
# A filter left alone matches everything: its first option says so ("Any"), never "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("Any")
