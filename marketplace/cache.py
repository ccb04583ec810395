"""Django's Redis cache backend without two costs that every vote pays several times.

The session and the rate limits make a signed-in POST such as a vote talk to Redis five times.
Django's client spends more on itself than on the round trip there:
- `get_client` builds a new `redis.Redis` object for every operation (about 0.1 ms of Python);
  a client is thread-safe and shares the pool, so one per pool serves;
- `incr` asks EXISTS and then INCRBY: two round trips, and the key may expire in between
  (then Redis creates it without a timeout). One server-side script does both at once.

`REDIS_URL` selects this backend (settings/base.py); behaviour is Django's own otherwise.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient

# Add `delta` to an existing key; nil (None in Python) when the key is not there.
_INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return nil
"""


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
            client.tori_incr_existing = client.register_script(_INCR_EXISTING)
        return client

    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        value = client.tori_incr_existing(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
