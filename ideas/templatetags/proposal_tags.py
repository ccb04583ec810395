"""Pieces of proposal data shown on pages of earlier apps (the challenge page)."""

from django import template

register = template.Library()


@register.inclusion_tag("ideas/includes/challenge_proposals.html", takes_context=True)
def challenge_proposals(context, challenge):
    """The challenge page's list of public proposals (sortable, paginated)."""
    return {"challenge": challenge, "request": context.get("request")}
