"""Vote and withdraw (plain form POSTs, no JavaScript needed) and a resident's "my votes" page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from ..models import Proposal
from ..rules import can_view_proposal
from ..selectors.votes import user_votes_by_challenge
from ..services.votes import Outcome, VoteRefused, vote_cast, vote_withdraw

RATE_GROUP = "ideas.votes"


def _next_url(request, proposal) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return proposal.get_absolute_url()


def _rate_limited(request) -> bool:
    """Per address and, for signed-in users, per user; each counts every vote POST."""
    limited = False
    for key, rate in (
        ("ip", settings.TORI_VOTE_RATE_IP),
        ("user_or_ip", settings.TORI_VOTE_RATE_USER),
    ):
        group = f"{RATE_GROUP}.{key}"
        if is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True):
            limited = True
    return limited


def _too_many(request):
    return render(
        request,
        "429.html",
        {"message": _("You are voting too fast. Please wait a minute and try again.")},
        status=429,
    )


def _visible_proposal(request, pk) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("challenge"), pk=pk)
    if not can_view_proposal(request.user, proposal):
        raise Http404
    return proposal


@require_POST
def vote_cast_view(request, pk):
    proposal = _visible_proposal(request, pk)
    if _rate_limited(request):
        return _too_many(request)
    try:
        outcome = vote_cast(user=request.user, proposal=proposal)
    except VoteRefused as refused:
        messages.error(request, refused.decision.as_html())
    else:
        if outcome is Outcome.CAST:
            messages.success(
                request, _("Your vote for “%(title)s” was counted.") % {"title": proposal.title}
            )
        else:
            messages.info(
                request, _("You have already voted for “%(title)s”.") % {"title": proposal.title}
            )
    return HttpResponseRedirect(_next_url(request, proposal))


@require_POST
def vote_withdraw_view(request, pk):
    proposal = _visible_proposal(request, pk)
    if _rate_limited(request):
        return _too_many(request)
    try:
        outcome = vote_withdraw(user=request.user, proposal=proposal)
    except VoteRefused as refused:
        messages.error(request, refused.decision.as_html())
    else:
        if outcome is Outcome.WITHDRAWN:
            messages.success(
                request, _("Your vote for “%(title)s” was withdrawn.") % {"title": proposal.title}
            )
        else:
            messages.info(
                request,
                _("You had no vote for “%(title)s” to withdraw.") % {"title": proposal.title},
            )
    return HttpResponseRedirect(_next_url(request, proposal))


@login_required
def my_votes(request):
    return render(request, "ideas/my_votes.html", {"groups": user_votes_by_challenge(request.user)})


urlpatterns = [
    path("proposals/<int:pk>/vote/", vote_cast_view, name="vote-cast"),
    path("proposals/<int:pk>/vote/withdraw/", vote_withdraw_view, name="vote-withdraw"),
    path("votes/", my_votes, name="my-votes"),
]
