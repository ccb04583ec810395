"""Public offering pages and provider teams' proposed changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace import rules
from marketplace.filters import OfferingFilter
from marketplace.forms import OfferingEditProposalForm
from marketplace.models import Offering
from marketplace.selectors import feedback as feedback_selectors
from marketplace.selectors import offerings as offering_selectors
from marketplace.selectors import procurement as procurement_selectors
from marketplace.services import offerings as offering_services
from marketplace.services.common import MarketplaceError
from partners.models import City, Language
from partners.pagination import page_or_404
from partners.translated import LANGUAGE_CODES, language_name


def offering_list(request):
    filterset = OfferingFilter(
        request.GET or None, queryset=offering_selectors.published_offerings()
    )
    qs = (
        filterset.qs
        if filterset.is_bound and filterset.is_valid()
        else offering_selectors.published_offerings()
    )
    page = page_or_404(Paginator(qs, 20), request)
    return render(
        request, "marketplace/offering_list.html", {"filter": filterset, "page_obj": page}
    )


def _offering_or_404(request, slug) -> Offering:
    try:
        offering = offering_selectors.offering_detail(slug)
    except Offering.DoesNotExist as missing:
        raise Http404 from missing
    if not rules.can_view_offering(request.user, offering):
        raise Http404
    return offering


def offering_detail(request, slug):
    offering = _offering_or_404(request, slug)
    pilot = offering.pilot if offering.pilot_id and offering.pilot.published else None
    indicators = list(pilot.indicators.all()) if pilot else []
    cities, languages = dict(City.choices), dict(Language.choices)
    return render(
        request,
        "marketplace/offering_detail.html",
        {
            "offering": offering,
            "pilot": pilot,
            "indicators": indicators,
            "evidence": procurement_selectors.indicator_results(indicators),
            "procurement": rules.public_procurement(offering),
            "city_labels": [str(cities.get(code, code)) for code in offering.cities],
            # In the reader's language ("finska, svenska"), not as endonyms.
            "language_labels": [
                language_name(code) if code in LANGUAGE_CODES else str(languages.get(code, code))
                for code in offering.languages
            ],
            "summary": feedback_selectors.feedback_summary(pilot) if pilot else None,
            "can_propose": rules.can_propose_offering_edit(request.user, offering),
        },
    )


@login_required
def offering_propose_edit(request, slug):
    offering = _offering_or_404(request, slug)
    if not rules.can_propose_offering_edit(request.user, offering):
        raise Http404
    form = OfferingEditProposalForm.for_offering(offering, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offering_services.offering_edit_propose(
                offering=offering,
                by=request.user,
                changes=form.changes(),
                note=form.cleaned_data["note"],
            )
        except MarketplaceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. Staff will review the proposed changes."))
            return redirect(offering.get_absolute_url())
    return render(
        request,
        "marketplace/offering_propose_edit.html",
        {"offering": offering, "form": form},
        status=400 if form.is_bound else 200,
    )
