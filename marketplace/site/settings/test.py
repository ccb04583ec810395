"""Test settings: fast hashing, local memory, immediate tasks."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "x" * 50)

from .base import *  # noqa: E402, F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = local_caches()  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
TORI_PRIVATE_ROOT = VAR_DIR / "test-private"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# The page cache outlives a test's rolled-back database; its own tests switch it on.
TORI_PAGE_CACHE_SECONDS = 0
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
