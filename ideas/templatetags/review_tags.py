"""Evaluation pieces for pages of other parts.

- `{% challenge_results challenge %}` on the challenge page: after the evaluation ends, the
  selected proposals and, where proposals are public, the shortlist. Nothing before.
- `{% decision_for_team proposal %}` on the proposal page: the last staff decision with its
  reason, for the team and staff only.
- `{% scores_for_team proposal %}` in the team's view of its proposal: the jury's mean scores,
  the rank band and the evaluators' comments for the team, once the decisions are published.
- `{% evaluation_nav_item %}` in the main navigation: a link for evaluators.
"""

from django import template

from partners import rules as partner_rules

from ..rules import reviews as rules
from ..selectors import reviews as selectors
from ..selectors import scores as score_selectors

register = template.Library()


@register.inclusion_tag("ideas/includes/challenge_results.html", takes_context=True)
def challenge_results(context, challenge):
    results = (
        selectors.public_results(challenge=challenge)
        if rules.is_evaluation_over(challenge)
        else None
    )
    return {"challenge": challenge, "request": context.get("request"), "results": results}


@register.inclusion_tag("ideas/includes/decision_for_team.html", takes_context=True)
def decision_for_team(context, proposal):
    request = context.get("request")
    user = getattr(request, "user", None)
    decision = None
    if user is not None and rules.can_see_decision_reason(user, proposal):
        decision = selectors.latest_decision(proposal=proposal)
    return {"proposal": proposal, "decision": decision}


@register.inclusion_tag("ideas/includes/scores_for_team.html", takes_context=True)
def scores_for_team(context, proposal):
    request = context.get("request")
    user = getattr(request, "user", None)
    scores = None
    if user is not None and rules.can_see_own_scores(user, proposal):
        scores = score_selectors.team_scores(proposal=proposal)
    return {"proposal": proposal, "scores": scores}


@register.inclusion_tag("ideas/includes/evaluation_nav_item.html", takes_context=True)
def evaluation_nav_item(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": user is not None and partner_rules.is_evaluator(user)}
