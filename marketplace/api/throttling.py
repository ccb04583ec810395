"""Anonymous clients: `TORI_API_THROTTLE_RATE` requests per address (default 120/min)."""

import math

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import ngettext
from rest_framework.exceptions import Throttled
from rest_framework.throttling import AnonRateThrottle

from partners.ratelimits import parse_rate


class ApiAnonThrottle(AnonRateThrottle):
    """DRF's per-address throttle with its rate read from the settings as every limit's is
    (partners/ratelimits.py), counting in the rate limits' cache (RATELIMIT_USE_CACHE: per
    process while Redis is unreachable).

    The address is REMOTE_ADDR unless REST_FRAMEWORK["NUM_PROXIES"] says how many trusted
    proxies add X-Forwarded-For (TORI_API_NUM_PROXIES), so the header cannot be spoofed.
    """

    scope = "tori_api"

    def __init__(self):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)

    @property
    def cache(self):
        return caches[settings.RATELIMIT_USE_CACHE]

    def get_rate(self):
        return settings.TORI_API_THROTTLE_RATE

    def parse_rate(self, rate):
        return parse_rate(rate)


def throttled_error(wait: float | None) -> Throttled:
    """The 429 of a throttled request, wholly in the active language.

    DRF's own message formats the number into the text before looking it up, so the
    "Expected available in N seconds" part is never translated. The English stays DRF's.
    """
    if wait is None:
        return Throttled()
    seconds = math.ceil(wait)
    message = ngettext(
        "Request was throttled. Expected available in %(wait)d second.",
        "Request was throttled. Expected available in %(wait)d seconds.",
        seconds,
    ) % {"wait": seconds}
    error = Throttled(detail=message)
    error.wait = seconds  # the Retry-After header
    return error
