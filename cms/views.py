"""The accessibility feedback form: e-mailed to the accessibility contact, nothing stored."""

from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from partners.ratelimits import Limit, Retry, over_limit, too_many_requests

from .forms import AccessibilityFeedbackForm
from .models import StandardPage

# Messages a client address may send (TORI_ACCESSIBILITY_FEEDBACK_RATE, 5 an hour).
FEEDBACK = Limit("cms.a11y-feedback", "TORI_ACCESSIBILITY_FEEDBACK_RATE", "ip")


def statement_page():
    """The live accessibility statement in the active language, else in any language."""
    pages = StandardPage.objects.live().filter(accessibility_feedback=True)
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    return (locale and pages.filter(locale=locale).first()) or pages.order_by("pk").first()


def send_feedback(*, name: str, email: str, page_url: str, message: str, language: str) -> None:
    """E-mail the feedback to settings.ACCESSIBILITY_FEEDBACK_EMAIL in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("Accessibility feedback from Tori."),
            "",
            f"{_('Name')}: {name or '–'}",
            f"{_('E-mail')}: {email or '–'}",
            f"{_('Page')}: {page_url or '–'}",
            f"{_('Language')}: {language}",
            "",
            message,
        ]
        EmailMessage(
            subject=_("Accessibility feedback"),
            body="\n".join(lines),
            to=[settings.ACCESSIBILITY_FEEDBACK_EMAIL],
            reply_to=[email] if email else None,
        ).send()


def accessibility_feedback(request):
    """GET: the form on its own page; POST: send it, or show the errors next to the fields."""
    if request.method == "POST":
        form = AccessibilityFeedbackForm(request.POST)
        if (wait := over_limit(request, FEEDBACK)) is not None:
            message = _(
                "You have sent several messages in a short time. Please wait an hour "
                "and try again, or write to %(email)s."
            ) % {"email": settings.ACCESSIBILITY_FEEDBACK_EMAIL}
            return too_many_requests(
                request, message, wait=wait, retry=Retry(form, _("Send feedback"))
            )
        if form.is_valid():
            send_feedback(**form.cleaned_data, language=translation.get_language())
            messages.success(
                request, _("Thank you. Your feedback was sent to the accessibility contact.")
            )
            page = statement_page()
            return redirect(page.url if page is not None else f"/{translation.get_language()}/")
    else:
        form = AccessibilityFeedbackForm(initial={"page_url": request.GET.get("page", "")})
    return render(
        request,
        "cms/accessibility_feedback.html",
        {
            "form": form,
            "statement": statement_page(),
            "contact": settings.ACCESSIBILITY_FEEDBACK_EMAIL,
        },
    )
