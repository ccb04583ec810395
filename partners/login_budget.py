"""The sign-in budget: at most N password checks a window, per account and per address.

A sign-in takes its slot in both budgets *before* the password is compared (the cache's `add`
and `incr`, each one atomic step in Redis and in the local-memory cache), so parallel wrong
passwords cannot all slip through a gap between "is the budget spent?" and "count this one".
The slot is given back when no password was compared (the budget was spent) and when the
password was right: only failed checks stay counted, so many people signing in from one shared
address (a library, a school, a company network) spend nothing.
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import caches

from .ratelimits import parse_rate

# The clock that picks a budget's window (a module attribute, so a test can hold it still).
clock = time.time

# A counter outlives its window by a few seconds, so a slot given back late still finds it.
EXPIRY_MARGIN = 5


def client_address(request) -> str:
    """The client's address; a whole IPv6 /64 (one subscriber's network) counts as one."""
    raw = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def _cache():
    """The rate limits' cache: it keeps counting in the process's own memory while Redis is
    unreachable, so the budget never switches off."""
    return caches[settings.RATELIMIT_USE_CACHE]


class LoginBudget:
    """One sign-in attempt's slots in its account's and its address's budgets."""

    def __init__(self, request, account: str, *, rate: str | None = None):
        self.limit, period = parse_rate(rate or settings.TORI_LOGIN_RATE)
        self.timeout = period + EXPIRY_MARGIN
        now = int(clock())
        window = now // period
        # Seconds until the window ends and the budget is whole again (the 429's Retry-After).
        self.wait = (window + 1) * period - now
        self.keys = [
            self._key("address", client_address(request), period, window),
            self._key("account", account, period, window),
        ]
        self.taken: list[str] = []

    @staticmethod
    def _key(kind: str, value: str, period: int, window: int) -> str:
        digest = hashlib.sha256(value.encode()).hexdigest()
        return f"partners.login:{kind}:{period}:{window}:{digest}"

    def _count_one_more(self, key: str) -> int:
        cache = _cache()
        cache.add(key, 0, self.timeout)
        try:
            return cache.incr(key)
        except ValueError:  # the counter expired between the two steps: a new window
            return 1 if cache.add(key, 1, self.timeout) else cache.incr(key)

    def take(self) -> bool:
        """Take a slot in both budgets before the password is checked. False, with nothing
        kept, when either budget is spent."""
        within = True
        for key in self.keys:
            count = self._count_one_more(key)
            self.taken.append(key)
            within = within and count <= self.limit
        if not within:
            self.give_back()
        return within

    def give_back(self) -> None:
        """The password was right (or never checked): the attempt does not count."""
        cache = _cache()
        for key in self.taken:
            try:
                cache.decr(key)
            except ValueError:  # the window is over and its counter gone
                pass
        self.taken = []
