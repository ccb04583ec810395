from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _


def refuse(request, message, *, status: int = 403):
    """A refused action: a page with a clear message."""
    return render(request, "partners/refused.html", {"message": message}, status=status)


def link_problem(request, error, *, title, offer_resend: bool = False):
    """An expired, reused or invalid link: its own page, its own message."""
    return render(
        request,
        "partners/link_problem.html",
        {
            "title": title,
            "message": error.message,
            "reason": error.reason,
            "offer_resend": offer_resend,
        },
        status=400 if error.reason != "wrong_account" else 403,
    )


def rate(setting_name: str, default: str):
    """A django-ratelimit rate read from settings at request time (so tests can change it)."""

    def _rate(group, request):
        return getattr(settings, setting_name, default)

    return _rate


def too_many(request):
    return render(
        request,
        "429.html",
        {"message": _("Too many attempts. Please wait a minute and try again.")},
        status=429,
    )
