"""Whole-page cache for anonymous visitors: the challenge page with its 200 proposals, the
listings, the catalogue and the other public pages are rendered once and then served from the
cache to visitors who carry no session, CSRF or messages cookie.

A cached page is served until
- any committed change that can alter a public page (a page published, a proposal edited or
  withdrawn, a comment, an organisation renamed…): `content_changed()` bumps the one-row
  generation in the database after the commit, and every cacheable request reads it first (one
  primary-key lookup), so every worker stops serving the old page at once, with or without
  Redis; or
- `TORI_PAGE_CACHE_SECONDS` pass (30 by default): what changes without such a write reaches
  anonymous visitors within that time — vote counts (a vote must not contend on one row) and
  the phase shown as the clock passes a deadline. Signed-in visitors always get a fresh page.

Never cached: requests with a session, CSRF or messages cookie, other methods than GET and
HEAD, the admin, the API (throttled per client), static and media files, and every response
that is not a plain 200, sets a cookie (a page with a form hands out a CSRF cookie) or says
private / no-store.
"""

from __future__ import annotations

import hashlib
import threading
import time
import weakref

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

from marketplace.models import PageCacheGeneration

KEY_PREFIX = "tori:page:"
CACHED_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml")

# Writes that never change a public page (bookkeeping), or whose effect the time limit covers
# (votes); every other model of these apps bumps the generation.
TRACKED_APPS = {
    "cms",
    "ideas",
    "marketplace",
    "partners",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
}
IGNORED_MODELS = {
    "ideas.Vote",
    "ideas.VoteEvent",
    "ideas.VoteQuota",
    "marketplace.PageCacheGeneration",
    "partners.Notification",
    "partners.EmailPreference",
    "wagtailcore.Revision",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.ReferenceIndex",
    "wagtailcore.PageSubscription",
}
BOOKKEEPING_FIELDS = {"last_login"}


# --- the generation ----------------------------------------------------------------------

# Raw SQL on purpose: every anonymous request reads the generation, each cache hit included.
# Measured per call (CPU time, a 2-core machine): this statement 10 µs on SQLite and 40–80 µs on
# PostgreSQL; the ORM's `filter(pk=1).values_list("value", flat=True)[:1]` 120 µs and
# 250–360 µs (56 µs and 200 µs with the queryset built once). A whole hit costs about 2 ms of
# CPU: the ORM would add 5 to 15 % to the path the page cache exists for. The table name is the
# model's own (S608: no outside input).
_GENERATION_SQL = f"SELECT value FROM {PageCacheGeneration._meta.db_table} WHERE id = 1"  # noqa: S608


def generation() -> int:
    with connection.cursor() as cursor:
        cursor.execute(_GENERATION_SQL)
        row = cursor.fetchone()
    return row[0] if row else 0


def _bump() -> None:
    updated = PageCacheGeneration.objects.filter(pk=1).update(value=F("value") + 1)
    if not updated:
        PageCacheGeneration.objects.get_or_create(pk=1, defaults={"value": 1})


class _PendingBump:
    """The on-commit hook of one transaction; later changes in it see it pending and add none."""

    done = False

    def __call__(self) -> None:
        self.done = True
        _bump()


# This thread's latest hook, weakly: Django holds a hook until the commit runs it and drops it
# when its transaction, or the savepoint it was registered in, rolls back; the hook is then
# freed and the reference dead. (Database connections, and so transactions, are per thread.)
_latest = threading.local()


def content_changed() -> None:
    """Stop serving cached pages once the current transaction commits (one bump for all the
    changes of a transaction; at once outside a transaction)."""
    ref = getattr(_latest, "hook", None)
    pending = ref() if ref is not None else None
    if pending is not None and not pending.done:
        return
    hook = _PendingBump()
    _latest.hook = weakref.ref(hook)
    transaction.on_commit(hook)


def _model_changed(sender, instance=None, raw=False, update_fields=None, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if raw or meta is None or meta.app_label not in TRACKED_APPS:
        return
    if sender.__module__ == "__fake__":  # a migration's historical model
        return
    if meta.label in IGNORED_MODELS or meta.auto_created:  # m2m rows arrive as m2m_changed
        return
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    content_changed()


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_"):
        _model_changed(type(instance))


def connect() -> None:
    post_save.connect(_model_changed, dispatch_uid="tori-page-cache-save")
    post_delete.connect(_model_changed, dispatch_uid="tori-page-cache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="tori-page-cache-m2m")


# --- the middleware ----------------------------------------------------------------------


class AnonymousPageCacheMiddleware:
    """Placed after LocaleMiddleware: a hit skips CSRF, authentication, messages, the URL
    resolver, Wagtail's routing and the template."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.skip = tuple(settings.TORI_PAGE_CACHE_SKIP_PREFIXES)
        self.cookies = {
            settings.SESSION_COOKIE_NAME,
            settings.CSRF_COOKIE_NAME,
            "messages",  # django.contrib.messages: CookieStorage.cookie_name (not a setting)
        }

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        key = self._key(request, generation())
        entry = cache.get(key)
        if entry is not None:
            return self._from_entry(entry)
        response = self.get_response(request)
        if request.method == "GET" and self._cacheable_response(response):
            cache.set(key, self._entry(response), settings.TORI_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def _cacheable_request(self, request) -> bool:
        return (
            settings.TORI_PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(self.skip)
            and not self.cookies.intersection(request.COOKIES)
        )

    @staticmethod
    def _cacheable_response(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and response.get("Content-Type", "").startswith(CACHED_TYPES)
        )

    @staticmethod
    def _key(request, generation_value: int) -> str:
        raw = "|".join(
            [
                request.scheme,
                request.get_host(),
                request.get_full_path(),
                getattr(request, "LANGUAGE_CODE", ""),
                str(generation_value),
            ]
        )
        return KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def _entry(response) -> tuple:
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
        return (response.content, headers, time.time())

    @staticmethod
    def _from_entry(entry) -> HttpResponse:
        content, headers, stored = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["Age"] = str(max(0, int(time.time() - stored)))
        response["X-Page-Cache"] = "hit"
        return response
