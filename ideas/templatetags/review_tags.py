"""Evaluation pieces: the public results (selected and shortlisted) on a challenge page."""

from django import template

register = template.Library()


@register.inclusion_tag("ideas/includes/challenge_results.html", takes_context=True)
def challenge_results(context, challenge):
    return {"challenge": challenge, "request": context.get("request")}
