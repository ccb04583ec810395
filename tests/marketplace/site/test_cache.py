"""The Redis cache backend REDIS_URL selects (marketplace/cache.py): Django's behaviour, with
one client per pool and INCR in one round trip. Runs against the local Redis; skipped without, unless the run requires Redis."""

import secrets

import pytest

from marketplace.site.cache import RedisCache
from tests.services import requires_redis

REDIS = "redis://127.0.0.1:6379/0"


pytestmark = requires_redis()


@pytest.fixture
def cache():
    cache = RedisCache(REDIS, {"KEY_PREFIX": f"tori-test-{secrets.token_hex(4)}"})
    yield cache
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(f"{cache.key_prefix}:*"))
    if keys:
        client.delete(*keys)


def test_incr_counts_an_existing_key_and_keeps_its_timeout(cache):
    cache.set("hits", 1, timeout=60)
    assert cache.incr("hits") == 2
    assert cache.incr("hits", 5) == 7
    assert cache.get("hits") == 7
    client = cache._cache.get_client(write=True)
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


def test_one_client_serves_every_operation(cache):
    backend = cache._cache
    assert backend.get_client("x", write=True) is backend.get_client("y", write=True)


def test_rate_limits_count_through_it(cache, rf, settings):
    """django-ratelimit's add-then-incr sequence on this backend: every hit counts once."""
    from django.core.cache import caches
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
    assert caches["ratelimit"]._cache.get_client().keys(f"{cache.key_prefix}:*")  # in Redis


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
        client = other._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{prefix}*"))
        if keys:
            client.delete(*keys)
