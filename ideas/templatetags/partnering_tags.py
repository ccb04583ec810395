"""Finding partners on other pages: the team page's calls and requests, the challenge page's
open calls."""

from django import template

from ..partner_forms import PartnerCallForm
from ..rules import partnering as rules
from ..rules import proposals as proposal_rules
from ..selectors import partnering as selectors

register = template.Library()

CHALLENGE_CALLS = 5


@register.inclusion_tag("ideas/includes/team_partnering.html", takes_context=True)
def team_partnering(context, proposal):
    """The team's calls for partners (open and closed) and the requests waiting for the lead."""
    user = context["request"].user
    calls = selectors.decorate(selectors.calls_of(proposal))
    for call in calls:
        call.editable = rules.can_edit_partner_call(user, call)
    requests = list(selectors.pending_requests(proposal))
    can_answer = bool(requests) and rules.can_answer_join_request(user, requests[0])
    can_post = rules.can_post_partner_call(user, proposal)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "proposal": proposal,
        "calls": calls,
        "join_requests": requests,
        "can_answer": can_answer,
        "can_post": can_post,
        "call_form": PartnerCallForm() if can_post else None,
        "is_lead": proposal_rules.is_team_lead(user, proposal),
    }


@register.inclusion_tag("ideas/includes/challenge_partner_calls.html", takes_context=True)
def challenge_partner_calls(context, challenge):
    """The newest open calls for partners on the challenge (nothing when there are none).
    Calls are listed only while proposals are open: no query in the other phases."""
    if not proposal_rules.proposals_open(challenge):
        return {"calls": []}
    listed = selectors.listed_calls().filter(proposal__challenge=challenge)
    calls = selectors.decorate(listed[: CHALLENGE_CALLS + 1])
    return {
        "request": context.get("request"),
        "challenge": challenge,
        "calls": calls[:CHALLENGE_CALLS],
        "more": len(calls) > CHALLENGE_CALLS,
    }
