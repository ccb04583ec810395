"""Pieces of proposal data shown on pages of earlier apps (the challenge page)."""

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..rules import confidential as confidential_rules
from ..rules import proposals as proposal_rules
from ..selectors import proposals as proposal_selectors

register = template.Library()

SORT_LABELS = (
    ("newest", pgettext_lazy("sort order", "Newest")),
    ("votes", _("Most voted")),
    ("title", _("Title")),
)
PAGE_PARAM = "proposals_page"


@register.inclusion_tag("ideas/includes/challenge_proposals.html", takes_context=True)
def challenge_proposals(context, challenge):
    """The challenge page's list of public proposals: sortable (`?sort=newest|votes|title`),
    paginated (`?proposals_page=N`), in a fixed number of queries whatever the page holds."""
    request = context.get("request")
    params = request.GET if request is not None else {}
    sort = params.get("sort", "newest")
    if sort not in proposal_selectors.SORTS:
        sort = "newest"
    paginator = Paginator(
        proposal_selectors.public_proposals(challenge=challenge, sort=sort),
        proposal_selectors.page_size(),
    )
    if challenge is context.get("original") and "public_proposal_count" in context:
        paginator.count = context["public_proposal_count"]  # counted already for the page
    page = paginator.get_page(params.get(PAGE_PARAM))
    start_url = ""
    user = getattr(request, "user", None)
    if (
        user is not None
        and user.is_authenticated
        and proposal_rules.proposals_open(challenge)
        and proposal_rules.can_start_proposal(user, challenge)
    ):
        start_url = reverse(
            "ideas:proposal-start",
            kwargs={"challenge_pk": proposal_selectors.default_locale_challenge(challenge).pk},
        )
    return {
        "challenge": challenge,
        "request": request,
        "page_obj": page,
        "proposals": page.object_list,
        "sort": sort,
        "sorts": SORT_LABELS,
        "page_param": PAGE_PARAM,
        "start_url": start_url,
    }


@register.inclusion_tag("ideas/includes/propose_call.html", takes_context=True)
def propose_call(context, challenge):
    """ "Make a proposal" at the top of a challenge page while it accepts proposals: the form for
    whoever may propose, sign-in or registration (and back) for a visitor, the reason for anyone
    else. Nothing once proposals are closed or before they open."""
    if not proposal_rules.proposals_open(challenge):
        return {"show": False}
    request = context.get("request")
    user = getattr(request, "user", None)
    # Proposals attach to the challenge in the default language (its cached `original`).
    start_url = reverse("ideas:proposal-start", kwargs={"challenge_pk": challenge.original.pk})
    result = {"show": True, "challenge": challenge, "start_url": start_url}
    if confidential_rules.current_terms(challenge.original) is not None:
        result["terms_url"] = reverse(
            "ideas:challenge-terms", kwargs={"challenge_pk": challenge.original.pk}
        )
    if user is None or not user.is_authenticated:
        back = urlencode({"next": start_url})
        result["login_url"] = f"{resolve_url(settings.LOGIN_URL)}?{back}"
        result["register_url"] = f"{reverse('partners:register')}?{back}"
        return result
    decision = proposal_rules.can_start_proposal(user, challenge)
    result["allowed"] = decision.allowed
    result["reason"] = decision.reason
    result["needs_organisation"] = not decision.allowed and not challenge.individuals_may_submit
    result["needs_verification"] = not decision.allowed and not user.is_verified
    return result
