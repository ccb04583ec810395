"""Every rate limit of the site: one way to count, one way to read a rate, one 429 page.

A `Limit` names the setting that holds its rate (declared in marketplace/site/settings/base.py and
read at request time, so a test's override applies) and what it counts per: a django-ratelimit
key ("ip", "user", "user_or_ip", "post:<field>"). django-ratelimit does the counting, in the
rate limits' cache (RATELIMIT_USE_CACHE). A request over a limit is answered by
`too_many_requests`: the page 429.html with the place's own message and a Retry-After header.

The sign-in budget (partners/login_budget.py) and the API's throttle (marketplace/api/
throttling.py) count in their own ways, but read their rates with `parse_rate` and answer with
this page (sign-in) or the API's JSON error (the API).
"""

import re
from dataclasses import dataclass
from functools import wraps
from operator import attrgetter

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.forms import Form
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
# "5/m", "10/5m" (ten in five minutes), and the API's "120/min" style (sec, min, hour, day,
# also spelt out: "120/minute", "10/hours").
RATE = re.compile(
    r"\s*(\d+)\s*/\s*(\d*)\s*"
    r"(?:(s)(?:ec(?:ond)?s?)?|(m)(?:in(?:ute)?s?)?|(h)(?:ours?)?|(d)(?:ays?)?)\s*"
)

INVITATION_LIMIT_MESSAGE = _(
    "You have sent too many invitations in a short time. Please wait a while and try again."
)


def parse_rate(rate: str) -> tuple[int, int]:
    """`"5/m"` → (5, 60); also `"10/5m"` (ten in five minutes) and `"120/min"`."""
    match = RATE.fullmatch(rate or "")
    if not match:
        raise ImproperlyConfigured(f"A rate reads like '5/m' (count/period), not {rate!r}.")
    count, multiplier, *units = match.groups()
    unit = next(u for u in units if u)
    return int(count), int(multiplier or 1) * PERIODS[unit]


@dataclass(frozen=True)
class Limit:
    """At most `setting`'s rate of POSTs per `key`, counted under `group`."""

    group: str
    setting: str
    key: str

    def rate(self) -> str:
        """The rate, read now (an undeclared setting is an error: no default hides here)."""
        return attrgetter(self.setting)(settings)

    def hit(self, request) -> int | None:
        """Count this POST; None within the limit, else the seconds until it allows one more."""
        count, period = parse_rate(self.rate())
        usage = get_usage(
            request,
            group=self.group,
            key=self.key,
            rate=(count, period),
            method="POST",
            increment=True,
        )
        if usage is None or not usage["should_limit"]:
            return None
        # time_left is -1 when the cache could not count: then a whole period.
        return max(usage["time_left"], 1) if usage["time_left"] >= 0 else period


def over_limit(request, *limits: Limit) -> int | None:
    """Count this POST against the limits in turn; None within all, else the seconds to wait.

    Counting stops at the first spent limit: a refused request spends no other budget.
    """
    for limit in limits:
        wait = limit.hit(request)
        if wait is not None:
            return wait
    return None


@dataclass(frozen=True)
class Retry:
    """The refused form, shown again under the message (posting to the same address) so
    nothing typed is lost."""

    form: Form
    submit: str


def retry_after(response, wait: int):
    """Tell the client when to ask again (RFC 9110: a number of seconds)."""
    response["Retry-After"] = str(max(int(wait), 1))
    return response


def too_many_requests(request, message, *, wait: int, retry: Retry | None = None):
    """The one answer to a request over a limit: 429.html with the message (and the refused
    form, when given), status 429 and Retry-After."""
    response = render(request, "429.html", {"message": message, "retry": retry}, status=429)
    return retry_after(response, wait)


def limit_posts(*limits: Limit, message):
    """A view's POSTs count against the limits; over any of them, the 429 page."""

    def decorator(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            if request.method == "POST":
                wait = over_limit(request, *limits)
                if wait is not None:
                    return too_many_requests(request, message, wait=wait)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


# Organisation invitations (partners) and team invitations (ideas) share one budget, per user
# and per address.
INVITATIONS = (
    Limit("partners.invitations.user_or_ip", "TORI_INVITATION_RATE", "user_or_ip"),
    Limit("partners.invitations.ip", "TORI_INVITATION_RATE", "ip"),
)


def invitations_refused(request, form: Form):
    """Count one invitation sent by this user and from this address: over the limit, the 429
    page with the invitation form to send again; else None."""
    wait = over_limit(request, *INVITATIONS)
    if wait is None:
        return None
    retry = Retry(form, _("Send the invitation"))
    return too_many_requests(request, INVITATION_LIMIT_MESSAGE, wait=wait, retry=retry)
