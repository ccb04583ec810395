from django.shortcuts import render


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
