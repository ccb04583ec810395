"""Voting pieces: the vote box on a proposal page, the vote results on a challenge page."""

from django import template

register = template.Library()


@register.inclusion_tag("ideas/includes/vote_box.html", takes_context=True)
def vote_box(context, proposal):
    return {"proposal": proposal, "request": context.get("request")}


@register.inclusion_tag("ideas/includes/challenge_vote_results.html", takes_context=True)
def challenge_vote_results(context, challenge):
    return {"challenge": challenge, "request": context.get("request")}
