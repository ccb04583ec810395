"""The accessibility feedback form: e-mailed to the accessibility contact, nothing stored."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from partners.ratelimits import Limit, Retry, over_limit, too_many_requests
from partners.services.mail import absolute_url, compose

from . import memberships, rules
from .forms import AccessibilityFeedbackForm, CustomerGroupsForm
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
    """E-mail the feedback to settings.ACCESSIBILITY_FEEDBACK_EMAIL in the site's language.

    A page given as a path (the form is filled in with one) becomes an address on SITE_URL and
    a link; any other address stays text, as it was typed."""
    page_url = absolute_url(page_url.strip()) if page_url else ""
    on_site = page_url.startswith(f"{settings.SITE_URL}/")
    compose(
        to=settings.ACCESSIBILITY_FEEDBACK_EMAIL,
        subject=gettext_lazy("Accessibility feedback"),
        template="cms/email/accessibility_feedback",
        context={
            "name": name,
            "email": email,
            "page_url": page_url,
            "page_link": page_url if on_site else "",
            "page_language": language,
            "message": message,
        },
        language=settings.LANGUAGE_CODE,
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


@login_required
def customer_groups(request):
    """GET: the resident's own statement of their customer groups, explained; POST: save it."""
    if not rules.can_state_customer_groups(request.user):
        raise PermissionDenied
    ordinary, sensitive = memberships.statement_groups()
    current = memberships.memberships_of(request.user)
    if request.method == "POST":
        form = CustomerGroupsForm(request.POST, ordinary=ordinary, sensitive=sensitive)
        if form.is_valid():
            chosen, consented = form.chosen()
            memberships.memberships_save(
                user=request.user, groups=chosen, sensitive_groups=consented
            )
            messages.success(request, _("Your customer groups have been saved."))
            return redirect("cms:customer-groups")
        status = 400
    else:
        initial = {"groups": [str(g.pk) for g in ordinary if g.pk in current]}
        for group in sensitive:
            if group.pk in current and current[group.pk].explicit_consent:
                initial[f"sensitive_{group.pk}"] = initial[f"consent_{group.pk}"] = True
        form = CustomerGroupsForm(initial=initial, ordinary=ordinary, sensitive=sensitive)
        status = 200
    return render(
        request,
        "cms/customer_groups.html",
        {"form": form, "has_memberships": bool(current), "threshold": memberships.THRESHOLD},
        status=status,
    )


@login_required
@require_POST
def customer_groups_remove(request):
    """Remove the whole statement and every consent given with it."""
    if not rules.can_remove_customer_groups(request.user):
        raise PermissionDenied
    memberships.memberships_remove_all(user=request.user)
    messages.success(request, _("Your customer groups have been removed."))
    return redirect("cms:customer-groups")
