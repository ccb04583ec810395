from django.shortcuts import render
from django.utils.translation import gettext as _


def ratelimited(request, exception=None):
    """Answer for any rate-limited request: a clear message, status 429."""
    return render(
        request,
        "429.html",
        {"message": _("Too many requests. Please wait a minute and try again.")},
        status=429,
    )
