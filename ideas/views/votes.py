"""Vote and withdraw (plain form POSTs, no JavaScript needed) and a resident's "my votes" page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.html import conditional_escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partners.ratelimits import Limit, over_limit, retry_after, too_many_requests

from ..models import Proposal
from ..rules import can_view_proposal
from ..selectors.votes import proposal_for_vote, user_votes_by_challenge, vote_box_state
from ..services.votes import Outcome, VoteRefused, vote_cast, vote_withdraw

RATE_GROUP = "ideas.votes"


def _next_url(request, proposal) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return proposal.get_absolute_url()


# Per address and, for signed-in users, per user; each counts every vote POST.
LIMITS = (
    Limit(f"{RATE_GROUP}.ip", "TORI_VOTE_RATE_IP", "ip"),
    Limit(f"{RATE_GROUP}.user_or_ip", "TORI_VOTE_RATE_USER", "user_or_ip"),
)


def _wants_json(request) -> bool:
    """The vote box's script asks for JSON; without JavaScript the answer is a redirect."""
    return request.headers.get("X-Requested-With") == "fetch"


def _too_many(request, wait: int):
    message = _("You are voting too fast. Please wait a minute and try again.")
    if _wants_json(request):
        body = {"level": "error", "message": message, "html": None}
        return retry_after(JsonResponse(body, status=429), wait)
    return too_many_requests(request, message, wait=wait)


def _answer(request, proposal, level: str, message):
    """Redirect back with the message, or (for the script) the message and a fresh vote box."""
    next_url = _next_url(request, proposal)
    if not _wants_json(request):
        getattr(messages, level)(request, message)
        return HttpResponseRedirect(next_url)
    proposal.refresh_from_db(fields=["vote_count"])
    html = render_to_string(
        "ideas/includes/vote_box.html",
        {
            "proposal": proposal,
            "box": vote_box_state(request.user, proposal),
            "next": next_url,
            "csrf_token": get_token(request),
        },
        request=request,
    )
    # The script inserts the message as HTML: escape it unless it is already safe (a link).
    return JsonResponse({"level": level, "message": str(conditional_escape(message)), "html": html})


def _visible_proposal(request, pk) -> Proposal:
    proposal = proposal_for_vote(pk, request.user)
    if proposal is None or not can_view_proposal(request.user, proposal):
        raise Http404
    return proposal


@require_POST
def vote_cast_view(request, pk):
    proposal = _visible_proposal(request, pk)
    if (wait := over_limit(request, *LIMITS)) is not None:
        return _too_many(request, wait)
    try:
        outcome = vote_cast(user=request.user, proposal=proposal)
    except VoteRefused as refused:
        return _answer(request, proposal, "error", refused.decision.as_html())
    if outcome is Outcome.CAST:
        message = _("Your vote for “%(title)s” was counted.")
        return _answer(request, proposal, "success", message % {"title": proposal.text("title")})
    message = _("You have already voted for “%(title)s”.")
    return _answer(request, proposal, "info", message % {"title": proposal.text("title")})


@require_POST
def vote_withdraw_view(request, pk):
    proposal = _visible_proposal(request, pk)
    if (wait := over_limit(request, *LIMITS)) is not None:
        return _too_many(request, wait)
    try:
        outcome = vote_withdraw(user=request.user, proposal=proposal)
    except VoteRefused as refused:
        return _answer(request, proposal, "error", refused.decision.as_html())
    if outcome is Outcome.WITHDRAWN:
        message = _("Your vote for “%(title)s” was withdrawn.")
        return _answer(request, proposal, "success", message % {"title": proposal.text("title")})
    message = _("You had no vote for “%(title)s” to withdraw.")
    return _answer(request, proposal, "info", message % {"title": proposal.text("title")})


@login_required
def my_votes(request):
    return render(request, "ideas/my_votes.html", {"groups": user_votes_by_challenge(request.user)})


urlpatterns = [
    path("proposals/<int:pk>/vote/", vote_cast_view, name="vote-cast"),
    path("proposals/<int:pk>/vote/withdraw/", vote_withdraw_view, name="vote-withdraw"),
    path("votes/", my_votes, name="my-votes"),
]
