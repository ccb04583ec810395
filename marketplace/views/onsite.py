"""Feedback on site without an account (the QR code's phone form and its kiosk variant), and
the venue's printable posters that carry the code."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace import posters, rules
from marketplace.channel_forms import OnsiteFeedbackForm
from marketplace.services import channels as channel_services
from marketplace.services.feedback import FeedbackError
from partners.ratelimits import Limit, Retry, over_limit, too_many_requests

from .pilots import pilot_or_404

ONSITE_LIMIT = Limit("marketplace.onsite_feedback.ip", "TORI_ONSITE_FEEDBACK_RATE", "ip")
ONSITE_LIMIT_MESSAGE = gettext_lazy(
    "A lot of feedback has come from this device in a short time. Please wait a while and "
    "send it again."
)


def onsite_url(request, pilot) -> str:
    """The address the venue's QR code opens, in the active language."""
    path = reverse(
        "marketplace:onsite-feedback",
        kwargs={"pk": pilot.pk, "token": channel_services.onsite_token(pilot)},
    )
    return request.build_absolute_uri(path)


def onsite_feedback(request, pk, token):
    pilot = pilot_or_404(pk)
    if not channel_services.onsite_token_valid(pilot, token) or not pilot.published:
        raise Http404
    kiosk = request.GET.get("kiosk") == "1" or request.POST.get("kiosk") in ("True", "on", "1")
    context = {"pilot": pilot, "open": rules.is_onsite_feedback_open(pilot), "kiosk": kiosk}
    if request.method != "POST" or not context["open"]:
        form = OnsiteFeedbackForm(pilot=pilot, initial={"kiosk": kiosk})
        context.update(form=form, sent=request.GET.get("sent") == "1")
        return render(request, "marketplace/onsite_feedback.html", context)
    form = OnsiteFeedbackForm(request.POST, pilot=pilot)
    wait = over_limit(request, ONSITE_LIMIT)
    if wait is not None:
        retry = Retry(form, _("Send feedback"))
        return too_many_requests(request, ONSITE_LIMIT_MESSAGE, wait=wait, retry=retry)
    if form.is_valid():
        data = form.cleaned_data
        try:
            channel_services.feedback_record(
                pilot=pilot,
                channel=form.channel,
                rating=data["rating"],
                comment=data["comment"],
                customer_group=data["customer_group"],
                reply_email=data["reply_email"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except FeedbackError as error:
            form.add_error(None, error.message)
        else:
            # A kiosk clears itself for the next person: a fresh form under the thanks.
            query = "?kiosk=1&sent=1" if form.cleaned_data["kiosk"] else "?sent=1"
            return redirect(request.path + query)
    context["form"] = form
    return render(request, "marketplace/onsite_feedback.html", context, status=400)


def _poster_pilot(request, pk):
    pilot = pilot_or_404(pk)
    if not rules.can_download_posters(request.user, pilot):
        raise Http404
    return pilot


def poster_svg(request, pk):
    pilot = _poster_pilot(request, pk)
    svg = posters.poster_svg(pilot, onsite_url(request, pilot))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tori-pilot-{pilot.pk}-poster.svg"'
    return response


def poster_pdf(request, pk):
    pilot = _poster_pilot(request, pk)
    pdf = posters.poster_pdf(pilot, onsite_url(request, pilot))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tori-pilot-{pilot.pk}-poster.pdf"'
    return response
