"""Voting pieces: the vote box on a proposal page, the vote results on a challenge page."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from ..rules.votes import can_see_vote_counts as _can_see_vote_counts
from ..selectors.votes import RankedProposal, challenge_results_state, vote_box_state

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.inclusion_tag("ideas/includes/vote_box.html", takes_context=True)
def vote_box(context, proposal):
    request = context.get("request")
    return {
        "proposal": proposal,
        "request": request,
        "box": vote_box_state(_user(context), proposal),
        "next": request.get_full_path() if request else proposal.get_absolute_url(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("ideas/includes/challenge_vote_results.html", takes_context=True)
def challenge_vote_results(context, challenge):
    return {
        "challenge": challenge,
        "request": context.get("request"),
        **challenge_results_state(_user(context), challenge),
    }


@register.simple_tag
def vote_ranking_items(ranking: list[RankedProposal]) -> SafeString:
    """The ranking's `<li>` items, in one pass rather than a template loop: a challenge can
    hold hundreds of proposals, and a template loop costs about 60 µs a row."""
    return format_html_join(
        "\n", '<li><a href="{}">{}</a> <span class="vote-count">{}</span></li>', ranking
    )


@register.simple_tag(takes_context=True)
def can_see_vote_counts(context, challenge) -> bool:
    """For lists: `{% can_see_vote_counts challenge as show_counts %}`."""
    return _can_see_vote_counts(challenge, _user(context))
