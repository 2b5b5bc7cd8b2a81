"""Settings shared by every environment. Secure by default; dev.py relaxes, production.py demands secrets.

Environment variables: DATABASE_URL (PostgreSQL), ELASTICSEARCH_URL (search engine),
REDIS_URL (cache), SECRET_KEY, ALLOWED_HOSTS, DEBUG, AWS_STORAGE_BUCKET_NAME and AWS_S3_* (uploads in S3).
"""

import ipaddress
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
    "core",  # the layer under the apps (core/apps.py)
    "laomo",
    "archive",
    "exhibits",
    "media",
    "search",
    "participation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    # Editors get 翻译 on a page: it copies the page into the English tree to be translated (README).
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtailmedia",  # video and audio in the admin (films); see WAGTAILMEDIA below
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "storages",  # django-storages: an S3-compatible store for uploads when AWS_STORAGE_BUCKET_NAME is set
    "ninja",  # serves the API docs' own static files (self-hosted, CSP-friendly) instead of a CDN
    "axes",  # django-axes: locks out repeated failed admin logins (AXES_* below)
    "django_otp",  # optional two-factor admin login (laomo/twofactor/): TOTP devices and backup codes
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
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
    "core.middleware.RejectNulBytesMiddleware",
    # Serves collected static files from the app processes themselves (no CDN), with far-future caching.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Gzips pages and JSON (after WhiteNoise, which sends its own pre-compressed files; core/middleware.py).
    "core.middleware.TextGZipMiddleware",
    # Whole responses for anonymous visitors, invalidated on publish and on record changes (core/pagecache.py).
    "core.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "laomo.twofactor.middleware.TwoFactorMiddleware",  # django-otp, then: no admin before the code (README)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",  # django-csp, with the admin's one relaxation
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Pages render the 长辈模式 class from a cookie, so their HTML must say it varies by Cookie.
    "participation.middleware.ElderModeMiddleware",
    # Turns an axes lockout into the lockout page; axes wants to be last.
    # https://django-axes.readthedocs.io/en/latest/2_installation.html
    "axes.middleware.AxesMiddleware",
]

# Axes checks every login first (Wagtail's admin login authenticates through django.contrib.auth), then Django's own.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
                "participation.context_processors.elder_mode",
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
    # WAL lets several app processes read while one writes; the timeout rides out short write locks. Connections
    # persist like PostgreSQL's (LAOMO_DB_CONN_MAX_AGE): every request reads the version counters (core/versions.py),
    # and opening the file with its pragmas for each one would cost a cached page a third of its speed.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Without REDIS_URL each process keeps its own memory cache; with it, all app processes share one. Either way
# every cached thing is keyed by version counters kept in the database (core/versions.py), so a change made in
# any process retires it everywhere. Redis failing soft: when it is away pages render uncached (core/cachebackend.py);
# short socket timeouts so that a hung server costs a request at most half a second, once per RETRY_SECONDS.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cachebackend.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
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

# Chinese is the site's language at /…; English lives at /en/… (laomo/urls.py, i18n_patterns).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# laomo is an app, so site/laomo/locale is found anyway; listed so the project catalogue wins over the apps'.
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
LAOMO_SERVE_UPLOADS = env_bool("LAOMO_SERVE_UPLOADS", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads may go to any S3-compatible store (AWS S3, MinIO, 阿里云 OSS, 腾讯云 COS) instead of MEDIA_ROOT:
# set AWS_STORAGE_BUCKET_NAME (+ AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_S3_CUSTOM_DOMAIN). https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", "uploads"),
            # Public pages link straight to the files, so URLs must not expire (no signed query strings).
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "default_acl": os.environ.get("AWS_DEFAULT_ACL") or None,
            "file_overwrite": False,  # two editors uploading "poster.jpg" must not replace each other's file
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
WHITENOISE_MAX_AGE = 3600
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "wagtailadmin_login"

# Failed logins (django-axes): the 5th wrong password for one username from one address locks that pair out for an
# hour. Keyed on the pair, so a guesser cannot lock a colleague out from elsewhere, and a shared office address
# does not lock everyone. https://django-axes.readthedocs.io/en/latest/4_configuration.html
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # a right password clears earlier typos


def axes_client_address(request) -> str | None:
    """The visitor's address as the public forms' rate limits see it (LAOMO_CLIENT_IP_HEADER behind a proxy), an
    IPv6 visitor by their /64. One plain address: PostgreSQL's inet column takes neither "…/64" nor junk."""
    # Settings load before any app: the app's helper is imported when axes first calls this, per request.
    from participation.ratelimit import client_address

    address = client_address(request).split("/")[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def axes_username(request, credentials) -> str:
    """The username as typed, cut to Django's own limit: axes stores it in a 255-character column, and a login form
    fed 300 characters must get "wrong password", not a database error."""
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(typed)[:150]


AXES_CLIENT_IP_CALLABLE = axes_client_address
AXES_USERNAME_CALLABLE = axes_username
AXES_LOCKOUT_TEMPLATE = "laomo/lockout.html"
AXES_COOLOFF_MESSAGE = "登录失败次数过多，账号已暂时锁定。请一小时后再试，或请管理员解锁。"

# --- Wagtail ---
WAGTAIL_SITE_NAME = "劳模数字展馆"
# Superusers must turn on two-factor login before they can use the admin (laomo/twofactor/, README "Security").
LAOMO_REQUIRE_2FA_FOR_SUPERUSERS = env_bool("LAOMO_REQUIRE_2FA_FOR_SUPERUSERS", False)
# The name authenticator apps show beside the account (django-otp's otpauth:// address).
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The address visitors use, e.g. https://laomo.example.cn. Sitemaps, feeds, worksheet PDFs (QR code and 在线阅读),
# share links, printed cards and e-mails are built on it, never on the request's Host. Empty: the default Wagtail
# Site record's hostname and port (设置 → 站点). See core/origin.py.
LAOMO_SITE_URL = os.environ.get("LAOMO_SITE_URL", "")
# Pages are translated with Wagtail's own locales: an English page is a copy of the Chinese one in the English
# tree. Missing translations fall back to the Chinese page with a note (core/fallback.py).
# https://docs.wagtail.org/en/stable/advanced_topics/i18n.html
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
WAGTAILIMAGES_IMAGE_MODEL = "media.SiteImage"
# Refuse decompression bombs and oversized uploads with a clear message instead of exhausting memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Editors must describe every image (alt text); the form also explains oversized uploads in Chinese.
WAGTAILIMAGES_IMAGE_FORM_BASE = "media.forms.SiteImageForm"
# Films: uploads are checked by content and size (media/forms.py); only formats browsers play are offered.
WAGTAILMEDIA = {
    "MEDIA_FORM_BASE": "media.forms.CheckedMediaForm",
    "VIDEO_EXTENSIONS": ["mp4", "m4v", "webm", "mov"],
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "aac", "ogg", "wav"],
}
# Chinese video sites have no oEmbed endpoints: media/embeds.py builds their player iframes, oEmbed does the rest.
WAGTAILEMBEDS_FINDERS = [{"class": "media.embeds.ChineseVideoFinder"}, {"class": "wagtail.embeds.finders.oembed"}]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# No calls home: the admin would fetch releases.wagtail.org (blocked by our CSP, unreachable on many networks).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars from gravatar.com would break the CSP and leak editors' e-mail hashes
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Our own settings (prefixed LAOMO_ so they never collide with Wagtail's) ---
LAOMO_ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Credentials in ELASTICSEARCH_URL go over https only; "1" allows http for a node on this machine (search/elastic_client.py).
LAOMO_ELASTICSEARCH_ALLOW_HTTP_CREDENTIALS = os.environ.get("LAOMO_ELASTICSEARCH_ALLOW_HTTP_CREDENTIALS", "") == "1"
LAOMO_INDEX_PREFIX = os.environ.get("LAOMO_INDEX_PREFIX", "laomo")
LAOMO_SEARCH_ENGINE = "elasticsearch" if LAOMO_ELASTICSEARCH_URL else "embedded"
LAOMO_ES_ANALYZER = os.environ.get("LAOMO_ES_ANALYZER", "cjk")  # smartcn / ik_max_word need a cluster plugin (README)
# load_demo also makes English translations of the main pages (core/demo_translations.py), so `make run` shows an
# English site at /en/. The tests' shared demo database goes without them (test.py): tests that need them add them.
LAOMO_DEMO_ENGLISH = True
LAOMO_IMPORT_MAX_BYTES = 10 * 1024 * 1024  # largest file the admin import accepts (13,058 records ≈ 3 MB of CSV)
# Largest video upload: a 10-minute 1080p micro-film at 5 Mbit/s is about 375 MB. The proxy must allow it too.
LAOMO_VIDEO_MAX_BYTES = int(os.environ.get("LAOMO_VIDEO_MAX_BYTES", 500 * 1024 * 1024))

# Corrections from the public (勘误与补充, participation/): abuse limits without puzzle captchas.
LAOMO_CORRECTIONS_PER_HOUR = int(os.environ.get("LAOMO_CORRECTIONS_PER_HOUR", 5))  # per visitor address
LAOMO_CORRECTIONS_PER_DAY = int(os.environ.get("LAOMO_CORRECTIONS_PER_DAY", 20))  # per visitor address
LAOMO_CORRECTIONS_SITE_PER_HOUR = int(os.environ.get("LAOMO_CORRECTIONS_SITE_PER_HOUR", 200))  # all visitors together
LAOMO_CORRECTIONS_MIN_SECONDS = 3  # a form sent sooner after it was shown was filled in by a program
LAOMO_CORRECTIONS_MAX_FILES = 5
LAOMO_CORRECTIONS_MAX_FILE_BYTES = 10 * 1024 * 1024  # a phone photo or a scanned page
LAOMO_CORRECTIONS_MAX_REQUEST_BYTES = 60 * 1024 * 1024  # larger bodies are refused unread (the proxy should agree)
# Evidence may show private papers: it stays outside MEDIA_ROOT (never served, never in S3) and only
# archivists download it through the admin.
LAOMO_CORRECTIONS_EVIDENCE_DIR = Path(
    os.environ.get("LAOMO_CORRECTIONS_EVIDENCE_DIR", VAR_DIR / "private" / "corrections")
)
LAOMO_CORRECTIONS_REPLY_TO = env_list("LAOMO_CORRECTIONS_REPLY_TO")  # where senders' replies to outcome notices go
# Behind a reverse proxy every request comes from the proxy's address; name the header it puts the visitor's in
# (e.g. X-Real-IP) so rate limits count visitors, not the proxy. Only set it when the proxy overwrites that header.
LAOMO_CLIENT_IP_HEADER = os.environ.get("LAOMO_CLIENT_IP_HEADER", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "劳模数字展馆 <noreply@localhost>")

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

# The signed-in Wagtail admin only: Wagtail 8 starts choosers, InlinePanel and date pickers with inline scripts
# (wagtail/wagtail#1288). Its login page and every public page keep the policy above (core/middleware.py).
LAOMO_ADMIN_CSP_UPDATE = {"script-src": ["'unsafe-inline'"]}

if AWS_STORAGE_BUCKET_NAME:  # pictures, films and captions then come from the store's own origin
    from urllib.parse import urlsplit  # noqa: E402

    _store = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or os.environ.get("AWS_S3_ENDPOINT_URL") or "*.amazonaws.com"
    _store = urlsplit(_store if "://" in _store else f"https://{_store}")
    for _directive in ("img-src", "media-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive].append(f"{_store.scheme}://{_store.netloc}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"laomo": {"level": "INFO"}, "archive": {"level": "INFO"}, "search": {"level": "INFO"}},
}
