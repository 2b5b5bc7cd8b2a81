"""Settings shared by every environment. Secure by default; dev.py relaxes, production.py demands secrets.

Environment variables: DATABASE_URL (PostgreSQL), ELASTICSEARCH_URL (search engine),
REDIS_URL (cache), SECRET_KEY, ALLOWED_HOSTS, DEBUG.
"""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/laomo
REPO_DIR = PROJECT_DIR.parent.parent  # repository root
VAR_DIR = Path(os.environ.get("LAOMO_VAR_DIR", REPO_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "laomo",
    "archive",
    "exhibits",
    "media",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    "ninja",  # serves the API docs' own static files (self-hosted, CSP-friendly) instead of a CDN
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
    # Serves collected static files from the app processes themselves (no CDN), with far-future caching.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole responses for anonymous visitors, invalidated on publish and on record changes (laomo/pagecache.py).
    "laomo.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "laomo.urls"
WSGI_APPLICATION = "laomo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "laomo.context_processors.site_chrome",
            ],
        },
    },
]

# SQLite by default so a newcomer needs no server; DATABASE_URL=postgres://… switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{REPO_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("LAOMO_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets several app processes read while one writes; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Without REDIS_URL each process keeps its own memory cache; with it, all app processes share one.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "laomo",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
LAOMO_PAGE_CACHE_SECONDS = int(os.environ.get("LAOMO_PAGE_CACHE_SECONDS", "60"))
# Cookies that change what a public page renders; the page cache keys on them and ignores all others.
LAOMO_PAGE_CACHE_COOKIES = ["laomo_elder"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = REPO_DIR / "staticfiles"
STATIC_URL = "/static/"
# Uploads live outside the code, never inside the media/ app (see style.md).
MEDIA_ROOT = Path(os.environ.get("LAOMO_MEDIA_ROOT", VAR_DIR / "uploads"))
MEDIA_URL = "/uploads/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "wagtailadmin_login"

# --- Wagtail ---
WAGTAIL_SITE_NAME = "劳模数字展馆"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
WAGTAILIMAGES_IMAGE_MODEL = "media.SiteImage"
# Refuse decompression bombs and oversized uploads with a clear message instead of exhausting memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Our own settings (prefixed LAOMO_ so they never collide with Wagtail's) ---
LAOMO_ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
LAOMO_INDEX_PREFIX = os.environ.get("LAOMO_INDEX_PREFIX", "laomo")
LAOMO_ES_ANALYZER = os.environ.get("LAOMO_ES_ANALYZER", "cjk")  # smartcn / ik_max_word need a cluster plugin (README)
LAOMO_SEARCH_ENGINE = "elasticsearch" if LAOMO_ELASTICSEARCH_URL else "embedded"
LAOMO_IMPORT_MAX_BYTES = 10 * 1024 * 1024  # largest file the admin import accepts (13,058 records ≈ 3 MB of CSV)

# --- Security: safe defaults everywhere; production.py adds HTTPS-only settings ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JavaScript reads the CSRF cookie.

# Content Security Policy (django-csp 4): everything is self-hosted, so only 'self' is allowed.
# Scripts never run inline; styles allow inline because Wagtail's admin sets style attributes.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, "https://player.bilibili.com", "https://v.qq.com", "https://player.youku.com"],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"laomo": {"level": "INFO"}, "archive": {"level": "INFO"}, "search": {"level": "INFO"}},
}
