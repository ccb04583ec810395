"""Django's Redis cache backend, cheaper per operation and still answering when Redis does not.

Two costs that every vote pays several times are gone (the session and the rate limits make a
signed-in POST such as a vote talk to Redis five times, and Django's client spends more on
itself than on the round trip there):
- `get_client` builds a new `redis.Redis` object for every operation (about 0.1 ms of Python);
  a client is thread-safe and shares the pool, so one per pool serves;
- `incr` asks EXISTS and then INCRBY: two round trips, and the key may expire in between
  (then Redis creates it without a timeout). One server-side script does both at once.

When Redis cannot be reached (connection refused or timed out; connecting gives up after
`socket_connect_timeout`, an answer after `socket_timeout`):
- every operation answers as on an empty cache that keeps nothing — a miss, `add` and
  `delete` False, `incr` the missing key's ValueError — or, with the option `FALLBACK` (an alias
  of a local-memory cache), is done on that cache instead: the rate limits count in each
  process rather than switch off;
- the process stops asking Redis for `RETRY_AFTER` seconds (5) after each failure, so a
  request does not wait for a timeout on every operation, then tries again;
- the outage is logged once (again at most every minute while it lasts), and so is the return;
- the keys written or deleted meanwhile are remembered (at most `MAX_LOST_KEYS`), and deleted
  from Redis before it is used again: what Redis kept from before the outage — a session signed
  out since, an old page — is never served. Past that many keys, every key of the cache's
  prefix is deleted instead.
Redis is one namespace per server and key prefix; a process keeps one such state per namespace,
shared by its threads and by the aliases that use it.

`REDIS_URL` selects this backend (settings/base.py); behaviour is Django's own otherwise.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

REDIS_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
CONNECT_TIMEOUT = 0.5  # seconds
SOCKET_TIMEOUT = 1.0
RETRY_AFTER = 5.0
LOG_EVERY = 60.0
MAX_LOST_KEYS = 10_000
_PURGE_BATCH = 1000
ALL = object()  # every key of the prefix

# Add `delta` to an existing key; nil (None in Python) when the key is not there.
_INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return nil
"""


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


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(
        self,
        servers,
        *,
        key_prefix: str = "",
        retry_after: float = RETRY_AFTER,
        fallback: str | None = None,
        **options,
    ):
        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        # One immediate retry: a pooled connection that Redis closed (a restart) reconnects.
        options.setdefault("retry", Retry(NoBackoff(), 1))
        super().__init__(servers, **options)
        self._clients = {}
        self._namespace = _namespace(servers, key_prefix)
        self._pattern = f"{key_prefix}:*"
        self._retry_after = retry_after
        self._fallback = fallback

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
            client.tori_incr_existing = client.register_script(_INCR_EXISTING)
        return client

    # --- Redis unreachable ---------------------------------------------------------------

    def _guarded(self, call, name: str, args: tuple, *, writes=(), otherwise=None):
        """call(), or, while Redis does not answer, the fallback cache's `name`(*args) or
        `otherwise` (an exception to raise, or a value)."""
        namespace = self._namespace
        now = time.monotonic()
        if namespace.down_since is None or now >= namespace.next_attempt:
            try:
                if namespace.down_since is not None:
                    self._reconnect()
                return call()
            except REDIS_ERRORS as error:
                namespace.failed(error, now, self._retry_after)
        namespace.lose(writes)
        if self._fallback:
            return getattr(caches[self._fallback], name)(*args)
        if isinstance(otherwise, Exception):
            raise otherwise
        return otherwise

    def _reconnect(self) -> None:
        """Delete what changed during the outage, then count Redis as answering again."""
        namespace = self._namespace
        client = self.get_client(write=True)
        client.ping()  # raises while Redis is still unreachable
        dropped = 0
        while True:
            with namespace.lock:
                if namespace.down_since is None:
                    return
                keys, everything = namespace.lost, namespace.lost_all
                namespace.lost, namespace.lost_all = set(), False
                if not keys and not everything:
                    down_for = time.monotonic() - namespace.down_since
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

    # --- Operations ----------------------------------------------------------------------

    def add(self, key, value, timeout):
        return self._guarded(
            lambda: super(RedisCacheClient, self).add(key, value, timeout),
            "add",
            (key, value, timeout),
            writes=[key],
            otherwise=False,
        )

    def get(self, key, default):
        return self._guarded(
            lambda: super(RedisCacheClient, self).get(key, default),
            "get",
            (key, default),
            otherwise=default,
        )

    def set(self, key, value, timeout):
        return self._guarded(
            lambda: super(RedisCacheClient, self).set(key, value, timeout),
            "set",
            (key, value, timeout),
            writes=[key],
        )

    def touch(self, key, timeout):
        return self._guarded(
            lambda: super(RedisCacheClient, self).touch(key, timeout),
            "touch",
            (key, timeout),
            writes=[key],
            otherwise=False,
        )

    def delete(self, key):
        return self._guarded(
            lambda: super(RedisCacheClient, self).delete(key),
            "delete",
            (key,),
            writes=[key],
            otherwise=False,
        )

    def get_many(self, keys):
        keys = list(keys)
        return self._guarded(
            lambda: super(RedisCacheClient, self).get_many(keys), "get_many", (keys,), otherwise={}
        )

    def has_key(self, key):
        return self._guarded(
            lambda: super(RedisCacheClient, self).has_key(key),
            "has_key",
            (key,),
            otherwise=False,
        )

    def incr(self, key, delta):
        return self._guarded(
            lambda: self._incr(key, delta),
            "incr",
            (key, delta),
            writes=[key],
            otherwise=ValueError(f"Key '{key}' not found."),
        )

    def _incr(self, key, delta):
        client = self.get_client(key, write=True)
        value = client.tori_incr_existing(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def set_many(self, data, timeout):
        return self._guarded(
            lambda: super(RedisCacheClient, self).set_many(data, timeout),
            "set_many",
            (data, timeout),
            writes=list(data),
        )

    def delete_many(self, keys):
        keys = list(keys)
        return self._guarded(
            lambda: super(RedisCacheClient, self).delete_many(keys),
            "delete_many",
            (keys,),
            writes=keys,
        )

    def clear(self):
        return self._guarded(
            lambda: super(RedisCacheClient, self).clear(),
            "clear",
            (),
            writes=ALL,
            otherwise=False,
        )


class RedisCache(DjangoRedisCache):
    """OPTIONS: `RETRY_AFTER` (seconds), `FALLBACK` (an alias), and the connection pool's
    (`socket_connect_timeout`, `socket_timeout`…)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        options = dict(self._options)
        options["retry_after"] = float(options.pop("RETRY_AFTER", RETRY_AFTER))
        options["fallback"] = options.pop("FALLBACK", None)
        self._options = {**options, "key_prefix": self.key_prefix}
        self._class = RedisCacheClient
