"""Rate limits shared by several apps (organisation and team invitations)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

INVITATION_LIMIT_MESSAGE = _(
    "You have sent too many invitations in a short time. Please wait a while and try again."
)


def invitation_limited(request) -> bool:
    """Count one invitation sent by this user and from this address; True when over the limit.

    Organisation invitations (partners) and team invitations (ideas) share one budget.
    """
    rate = getattr(settings, "TORI_INVITATION_RATE", "20/h")
    limited = False
    for key in ("user_or_ip", "ip"):
        if is_ratelimited(
            request,
            group=f"partners.invitations.{key}",
            key=key,
            rate=rate,
            method="POST",
            increment=True,
        ):
            limited = True
    return limited
