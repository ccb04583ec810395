"""The cache backend that REDIS_URL selects: django-redis, still answering when Redis does not.

django-redis (`django_redis.cache.RedisCache`) is the client: one Redis client per backend
and one connection pool per Redis URL in a process, `incr` in one server-side script (atomic,
the key keeps its timeout), the socket timeouts and the retry of settings/base.py
(`redis_caches`).

What is ours, and why django-redis's `IGNORE_EXCEPTIONS` does not serve instead: it answers
every failed operation with None and asks Redis again on the next one. Then django-ratelimit
reads a None count as "limit everyone" (or, failing open, "limit no one"), the sign-in budget
cannot count at all, every operation waits for its own connect timeout while Redis does not
answer (a signed-in request makes about five), each failure is logged with its traceback, and
what was written or deleted meanwhile is forgotten: a session signed out during an outage is
served again from Redis' old copy once it answers. So, when Redis cannot be reached (refused
or timed out):
- every operation answers as on an empty cache that keeps nothing — a miss, `add` and
  `delete` False, `incr` and `decr` the missing key's ValueError — or, with the option
  `FALLBACK` (an alias of a local-memory cache), is done on that cache instead: the rate limits
  count in each process rather than switch off;
- the process stops asking Redis for `RETRY_AFTER` seconds (5) after each failure, so a
  request does not wait for a timeout on every operation, then tries again;
- the outage is logged once (again at most every minute while it lasts), and so is the return;
- the keys written or deleted meanwhile are remembered (at most `MAX_LOST_KEYS`), and deleted
  from Redis before it is used again: what Redis kept from before the outage — a session signed
  out since, an old page — is never served. Past that many keys, every key of the cache's
  prefix is deleted instead.
Redis is one namespace per server and key prefix; a process keeps one such state per namespace,
shared by its threads and by the aliases that use it.

Public APIs only: each operation is django-redis's own Django cache API method, called through
`super()`; recovery uses the raw client django-redis hands out (`client.get_client()`, as
`django_redis.get_redis_connection` does). Guarded are the operations of Django's cache API
that the site uses (get, set, add, touch, delete, the *_many ones, has_key, incr, decr, clear,
and get_or_set through them); django-redis's extras (ttl, keys, lock…) raise while Redis is away.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

import redis
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django_redis.cache import RedisCache as DjangoRedisCache

logger = logging.getLogger(__name__)

# Raised by django-redis when Redis cannot be reached: it re-raises redis-py's own exception.
REDIS_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, TimeoutError)
RETRY_AFTER = 5.0  # seconds
LOG_EVERY = 60.0
MAX_LOST_KEYS = 10_000
_PURGE_BATCH = 1000
ALL = object()  # every key of the prefix
OUR_OPTIONS = ("RETRY_AFTER", "FALLBACK")
# The clock of the outage state (a module attribute, so a test can move it on).
clock = time.monotonic


class _Namespace:
    """What a process knows of one Redis namespace: whether it answers, what it missed."""

    def __init__(self, label: str):
        self.label = label
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.next_attempt = 0.0
        self.logged_at = 0.0
        self.lost: set[str] = set()
        self.lost_all = False

    def lose(self, keys) -> None:
        """These keys (or ALL) changed while Redis could not be told: its copies are stale."""
        if not keys:
            return
        with self.lock:
            if keys is ALL:
                self.lost_all, self.lost = True, set()
            if self.lost_all:
                return
            self.lost.update(keys)
            if len(self.lost) > MAX_LOST_KEYS:
                self.lost_all, self.lost = True, set()

    def failed(self, error, now: float, retry_after: float) -> None:
        with self.lock:
            self.next_attempt = now + retry_after
            if self.down_since is None:
                self.down_since = self.logged_at = now
                logger.warning(
                    "Redis at %s is unreachable (%s): the cache answers misses, sessions are "
                    "read from the database and rate limits count in each process until it "
                    "answers again.",
                    self.label,
                    error,
                )
            elif now - self.logged_at >= LOG_EVERY:
                self.logged_at = now
                logger.warning(
                    "Redis at %s is still unreachable, for %d seconds now (%s).",
                    self.label,
                    now - self.down_since,
                    error,
                )


_namespaces: dict[tuple, _Namespace] = {}
_namespaces_lock = threading.Lock()


def _label(servers) -> str:
    """host:port of each server, without credentials."""
    parts = []
    for server in servers:
        url = urlsplit(server)
        parts.append(f"{url.hostname}:{url.port or 6379}" if url.hostname else url.path)
    return ", ".join(parts)


def _namespace(servers, key_prefix: str) -> _Namespace:
    with _namespaces_lock:
        key = (tuple(servers), key_prefix)
        if key not in _namespaces:
            _namespaces[key] = _Namespace(_label(servers))
        return _namespaces[key]


class RedisCache(DjangoRedisCache):
    """django-redis's backend. OPTIONS of ours: `RETRY_AFTER` (seconds) and `FALLBACK` (an
    alias); the rest are django-redis's (SOCKET_CONNECT_TIMEOUT, SOCKET_TIMEOUT…)."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self._retry_after = float(options.get("RETRY_AFTER", RETRY_AFTER))
        self._fallback = options.get("FALLBACK")
        for name in OUR_OPTIONS:
            options.pop(name, None)
        super().__init__(server, {**params, "OPTIONS": options})
        servers = server if isinstance(server, (list, tuple)) else server.split(",")
        self._namespace = _namespace(servers, self.key_prefix)
        self._pattern = f"{self.key_prefix}:*"

    # --- Redis unreachable ---------------------------------------------------------------

    def _guarded(self, method, *args, writes=(), otherwise=None):
        """method(*args), or, while Redis does not answer, the fallback cache's method of that
        name or `otherwise` (an exception to raise, or a value)."""
        namespace = self._namespace
        now = clock()
        if namespace.down_since is None or now >= namespace.next_attempt:
            try:
                if namespace.down_since is not None:
                    self._reconnect()
                return method(*args)
            except REDIS_ERRORS as error:
                namespace.failed(error, now, self._retry_after)
        namespace.lose(writes)
        if self._fallback:
            return getattr(caches[self._fallback], method.__name__)(*args)
        if isinstance(otherwise, Exception):
            raise otherwise
        return otherwise

    def _keys(self, keys, version) -> list[str]:
        return [self.make_key(key, version=version) for key in keys]

    def _reconnect(self) -> None:
        """Delete what changed during the outage, then count Redis as answering again."""
        namespace = self._namespace
        client = self.client.get_client(write=True)
        client.ping()  # raises while Redis is still unreachable
        dropped = 0
        while True:
            with namespace.lock:
                if namespace.down_since is None:
                    return
                keys, everything = namespace.lost, namespace.lost_all
                namespace.lost, namespace.lost_all = set(), False
                if not keys and not everything:
                    down_for = clock() - namespace.down_since
                    namespace.down_since = None
                    break
            try:
                dropped += self._drop(client, keys, everything)
            except REDIS_ERRORS:
                namespace.lose(ALL if everything else keys)
                raise
        logger.warning(
            "Redis at %s answers again after %d seconds; %d entries changed meanwhile were "
            "deleted from it.",
            namespace.label,
            down_for,
            dropped,
        )

    def _drop(self, client, keys, everything: bool) -> int:
        if everything:
            keys = client.scan_iter(match=self._pattern, count=_PURGE_BATCH)
        batch, dropped = [], 0
        for key in keys:
            batch.append(key)
            if len(batch) >= _PURGE_BATCH:
                dropped += client.delete(*batch)
                batch = []
        if batch:
            dropped += client.delete(*batch)
        return dropped

    # --- Django's cache API ----------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        writes = self._keys([key], version)
        return self._guarded(
            super().add, key, value, timeout, version, writes=writes, otherwise=False
        )

    def get(self, key, default=None, version=None):
        return self._guarded(super().get, key, default, version, otherwise=default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            super().set, key, value, timeout, version, writes=self._keys([key], version)
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        writes = self._keys([key], version)
        return self._guarded(super().touch, key, timeout, version, writes=writes, otherwise=False)

    def delete(self, key, version=None):
        writes = self._keys([key], version)
        return self._guarded(super().delete, key, version, writes=writes, otherwise=False)

    def get_many(self, keys, version=None):
        return self._guarded(super().get_many, list(keys), version, otherwise={})

    def has_key(self, key, version=None):
        return self._guarded(super().has_key, key, version, otherwise=False)

    def incr(self, key, delta=1, version=None):
        missing = ValueError(f"Key '{key}' not found.")
        writes = self._keys([key], version)
        return self._guarded(super().incr, key, delta, version, writes=writes, otherwise=missing)

    def decr(self, key, delta=1, version=None):
        missing = ValueError(f"Key '{key}' not found.")
        writes = self._keys([key], version)
        return self._guarded(super().decr, key, delta, version, writes=writes, otherwise=missing)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        writes = self._keys(data, version)
        return self._guarded(super().set_many, data, timeout, version, writes=writes)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        writes = self._keys(keys, version)
        return self._guarded(super().delete_many, keys, version, writes=writes)

    def clear(self):
        return self._guarded(super().clear, writes=ALL, otherwise=False)
