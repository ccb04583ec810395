"""A challenge's terms: the public page with every version, and accepting the current
version for a team or as an evaluator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.localize import localized
from cms.models import ChallengePage

from ..forms import TermsAcceptForm
from ..models import ChallengeTerms
from ..rules import confidential as confidential_rules
from ..selectors.proposals import default_locale_challenge
from ..services import proposals as proposal_services
from ..services import terms as terms_services
from .lookups import visible_proposal_or_404


def _challenge_or_404(request, challenge_pk):
    """A live challenge the person may open (a private section's only for those it admits)."""
    challenge = get_object_or_404(ChallengePage.objects.live(), pk=challenge_pk)
    for restriction in challenge.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    return default_locale_challenge(challenge)


def challenge_terms(request, challenge_pk):
    challenge = _challenge_or_404(request, challenge_pk)
    versions = list(ChallengeTerms.objects.filter(challenge=challenge).order_by("-version"))
    if not versions:
        raise Http404
    return render(
        request,
        "ideas/challenge_terms.html",
        {"challenge": localized(challenge), "current": versions[0], "versions": versions},
    )


def _back(request, fallback, **kwargs):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback, **kwargs)


def _accepted(request, form, accept):
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return
    try:
        acceptance = accept(form.cleaned_data["version"])
    except proposal_services.ProposalError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You accepted version %(version)s of the terms.")
            % {"version": acceptance.terms.version},
        )


@login_required
@require_POST
def accept_for_team(request, pk):
    proposal = visible_proposal_or_404(request, pk)
    if not confidential_rules.can_accept_terms_for_team(request.user, proposal):
        raise Http404
    _accepted(
        request,
        TermsAcceptForm(request.POST),
        lambda version: terms_services.accept_for_team(
            proposal=proposal, by=request.user, version=version
        ),
    )
    return _back(request, proposal)


@login_required
@require_POST
def accept_as_evaluator(request, challenge_pk):
    challenge = get_object_or_404(ChallengePage.objects.all(), pk=challenge_pk)
    challenge = default_locale_challenge(challenge)
    if not confidential_rules.can_accept_terms_as_evaluator(request.user, challenge):
        raise Http404
    _accepted(
        request,
        TermsAcceptForm(request.POST),
        lambda version: terms_services.accept_as_evaluator(
            challenge=challenge, by=request.user, version=version
        ),
    )
    return _back(request, "ideas:evaluation-workspace", challenge_id=challenge.pk)


urlpatterns = [
    path("challenges/<int:challenge_pk>/terms/", challenge_terms, name="challenge-terms"),
    path(
        "challenges/<int:challenge_pk>/terms/accept/",
        accept_as_evaluator,
        name="terms-accept-evaluator",
    ),
    path("proposals/<int:pk>/terms/accept/", accept_for_team, name="terms-accept-team"),
]
