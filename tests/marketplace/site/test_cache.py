"""The Redis cache backend REDIS_URL selects (marketplace/site/cache.py, on django-redis): Django's
behaviour, with one client per backend, one pool per Redis URL and INCR in one round trip; while
Redis is unreachable, the fallback cache. Runs against the local Redis; skipped without, unless
the run requires Redis."""

import secrets

import pytest
from django_redis import get_redis_connection

from marketplace.site.cache import RedisCache
from tests.services import requires_redis

REDIS = "redis://127.0.0.1:6379/0"


pytestmark = requires_redis()


@pytest.fixture
def cache():
    cache = RedisCache(REDIS, {"KEY_PREFIX": f"tori-test-{secrets.token_hex(4)}"})
    yield cache
    client = cache.client.get_client(write=True)
    keys = list(client.scan_iter(f"{cache.key_prefix}:*"))
    if keys:
        client.delete(*keys)


def test_incr_counts_an_existing_key_and_keeps_its_timeout(cache):
    cache.set("hits", 1, timeout=60)
    assert cache.incr("hits") == 2
    assert cache.incr("hits", 5) == 7
    assert cache.get("hits") == 7
    client = cache.client.get_client(write=True)
    assert 0 < client.ttl(cache.make_key("hits")) <= 60


def test_incr_of_a_missing_key_is_a_value_error_and_creates_nothing(cache):
    with pytest.raises(ValueError):
        cache.incr("missing")
    assert cache.get("missing") is None
    assert cache.add("missing", 1, timeout=60) is True  # django-ratelimit's next step


def test_decr_and_the_rest_of_the_api_behave_as_djangos(cache):
    assert cache.add("n", 10) is True
    assert cache.add("n", 99) is False
    assert cache.decr("n", 3) == 7
    cache.set_many({"a": "x", "b": [1, 2]})
    assert cache.get_many(["a", "b", "c"]) == {"a": "x", "b": [1, 2]}
    assert cache.delete("a") is True
    assert cache.has_key("a") is False


def test_one_client_serves_every_operation_and_one_pool_every_backend(cache):
    client = cache.client.get_client(write=True)
    cache.set("a", 1)
    cache.incr("a")
    cache.get_many(["a", "b"])
    assert cache.client.get_client(write=True) is client
    assert cache.client.get_client(write=False) is client  # one server: reads go there too
    other = RedisCache(REDIS, {"KEY_PREFIX": f"{cache.key_prefix}-other"})
    assert other.client.get_client().connection_pool is client.connection_pool


def test_rate_limits_count_through_it(cache, rf, settings):
    """django-ratelimit's add-then-incr sequence on this backend: every hit counts once."""
    from django_ratelimit.core import get_usage

    from marketplace.site.settings.base import redis_caches

    settings.CACHES = redis_caches(REDIS, cache.key_prefix)
    request = rf.post("/")
    counts = [
        get_usage(request, group="t", key="ip", rate="100/m", method="POST", increment=True)[
            "count"
        ]
        for _ in range(3)
    ]
    assert counts == [1, 2, 3]
    assert get_redis_connection("ratelimit").keys(f"{cache.key_prefix}:*")  # in Redis


def test_past_the_remembered_keys_the_whole_prefix_is_dropped_on_return(monkeypatch):
    """More writes missed than remembered: every key of the prefix goes, none of another."""
    from marketplace.site import cache as backend

    from .redis_proxy import RedisRelay

    monkeypatch.setattr(backend, "MAX_LOST_KEYS", 2)
    relay = RedisRelay()
    relay.start()
    prefix = f"tori-test-{secrets.token_hex(4)}"
    relayed = RedisCache(relay.url, {"KEY_PREFIX": prefix, "OPTIONS": {"RETRY_AFTER": 0}})
    other = RedisCache(REDIS, {"KEY_PREFIX": f"{prefix}-other"})
    try:
        relayed.set_many({"a": 1, "b": 2, "c": 3, "kept": 4})
        other.set("a", 1)
        relay.stop()
        relayed.set_many({"a": 10, "b": 20, "c": 30})  # three keys lost: more than two
        assert relayed.get("kept") is None  # unreachable: a miss
        relay.start()
        assert relayed.get_many(["a", "b", "c", "kept"]) == {}
        assert other.get("a") == 1
    finally:
        relay.stop()
        client = other.client.get_client(write=True)
        keys = list(client.scan_iter(f"{prefix}*"))
        if keys:
            client.delete(*keys)


def test_unreachable_redis_answers_as_an_empty_cache_or_counts_in_the_fallback(settings):
    """Nothing listens: misses, False and the missing key's ValueError; with FALLBACK, the
    local-memory cache counts instead (add, incr and decr: the sign-in budget's steps)."""
    from django.core.cache import caches

    from .redis_proxy import closed_port

    url = f"redis://127.0.0.1:{closed_port()}/0"
    prefix = f"tori-test-{secrets.token_hex(4)}"
    settings.CACHES = {
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix}
    }
    empty = RedisCache(url, {"KEY_PREFIX": prefix, "OPTIONS": {"RETRY_AFTER": 0}})
    assert empty.set("a", 1) is None
    assert empty.get("a") is None
    assert empty.get("a", "default") == "default"
    assert empty.add("a", 1) is False
    assert empty.get_many(["a"]) == {}
    assert empty.has_key("a") is False
    assert empty.delete("a") is False
    for step in (empty.incr, empty.decr):
        with pytest.raises(ValueError):
            step("a")

    counting = RedisCache(
        url, {"KEY_PREFIX": prefix, "OPTIONS": {"RETRY_AFTER": 0, "FALLBACK": "local"}}
    )
    assert counting.add("n", 0, 60) is True
    assert counting.incr("n") == 1
    assert counting.incr("n", 4) == 5
    assert counting.decr("n") == 4
    assert caches["local"].get("n") == 4


def test_after_a_failure_redis_is_not_asked_again_until_retry_after(monkeypatch):
    """One failure, then misses without a connection attempt for RETRY_AFTER seconds."""
    from marketplace.site import cache as backend

    from .redis_proxy import RedisRelay

    relay = RedisRelay()
    prefix = f"tori-test-{secrets.token_hex(4)}"
    relayed = RedisCache(relay.url, {"KEY_PREFIX": prefix, "OPTIONS": {"RETRY_AFTER": 60}})
    now = [1000.0]
    monkeypatch.setattr(backend, "clock", lambda: now[0])
    try:
        assert relayed.get("a") is None  # refused: the outage begins
        relay.start()
        assert relayed.add("a", 1) is False  # Redis answers, but is not asked yet
        now[0] += 61
        assert relayed.add("a", 1) is True
        assert relayed.get("a") == 1
    finally:
        relay.stop()
        client = RedisCache(REDIS, {}).client.get_client(write=True)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
