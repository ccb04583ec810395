"""The reference statement of an offering: a printable page, in the reader's language, that
its providers can link to: which city unit piloted the service, when, with whom, with what
results, and how the city bought it. Public only with a published offering whose published
pilot has a procurement record; anything else is a 404."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cms.localize import localized
from marketplace import rules
from marketplace.models import Offering
from marketplace.selectors import offerings as offering_selectors
from marketplace.selectors import procurement as procurement_selectors


def offering_reference(request, slug):
    try:
        offering = offering_selectors.offering_detail(slug)
    except Offering.DoesNotExist as missing:
        raise Http404 from missing
    procurement = rules.public_procurement(offering)
    if procurement is None:
        raise Http404
    pilot = offering.pilot
    challenge = localized(pilot.proposal.challenge)
    title = _("Reference statement: %s") % offering.text("title")
    description = _("%(unit)s piloted %(offering)s from %(start)s to %(end)s and adopted it.") % {
        "unit": challenge.owner_unit,
        "offering": offering.text("title"),
        "start": date_format(pilot.start_date, "SHORT_DATE_FORMAT"),
        "end": date_format(pilot.end_date, "SHORT_DATE_FORMAT"),
    }
    return render(
        request,
        "marketplace/offering_reference.html",
        {
            "offering": offering,
            "pilot": pilot,
            "challenge": challenge,
            "procurement": procurement,
            "results": procurement_selectors.indicator_results(pilot.indicators.all()),
            "meta_title": title,
            "meta_description": description,
            "address": f"{settings.SITE_URL}{request.path}",
        },
    )
