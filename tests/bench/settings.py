"""Tori's production settings as the benchmark serves them: plain HTTP on loopback.

Differences from production, and why: no HTTPS redirect and no secure-only cookies (the load
runs over plain HTTP on 127.0.0.1); static files without the manifest (no collectstatic step);
the test client's host allowed for the in-process timings.
"""

from marketplace.site.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
