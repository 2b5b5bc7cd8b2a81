"""Tests: fast hashing, plain static storage, per-process cache, temporary uploads."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "laomo-test"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="laomo-test-uploads-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
# The demo without its English page copies: most tests count pages of one language. Tests of the English site
# add them (tests/i18n/test_demo_translations.py, the browser's English walk).
LAOMO_DEMO_ENGLISH = False
# The page cache has its own tests, which switch it on; everywhere else it would hide what a test changes.
LAOMO_PAGE_CACHE_SECONDS = 0
