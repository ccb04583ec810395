"""Suppressed breakdowns on public pages: a closed challenge's votes by customer group and
channel (marketplace.services.breakdowns; "–" = fewer than 5 people)."""

from django import template

from marketplace import rules
from marketplace.services import breakdowns

register = template.Library()


@register.inclusion_tag("marketplace/includes/challenge_breakdown.html")
def challenge_vote_breakdown(challenge):
    """Only once the challenge is closed (piloting or closed); never before."""
    if not rules.is_vote_breakdown_public(challenge):
        return {"breakdown": None}
    breakdown = breakdowns.challenge_votes(challenge)
    return {"breakdown": None if breakdown.is_empty else breakdown, "challenge": challenge}
