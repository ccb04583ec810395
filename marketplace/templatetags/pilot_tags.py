"""Pilot pieces shown on a challenge page."""

from django import template

register = template.Library()


@register.inclusion_tag("marketplace/includes/challenge_pilots.html", takes_context=True)
def challenge_pilots(context, challenge):
    return {"challenge": challenge, "request": context.get("request")}
