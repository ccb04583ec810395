"""The look-ups the views share: the proposal a person may open, or a 404. A proposal hidden
from the person is answered exactly as a missing one (docs/architecture.md: the views give
the 404, the rules and selectors decide and fetch)."""

from django.http import Http404

from ..models import Proposal
from ..rules import proposals as proposal_rules
from ..selectors import proposals as proposal_selectors


def visible_proposal_or_404(request, pk, *, for_page=False):
    """The proposal if the user may see it: one query among the visible ones, the same 404
    for a confidential proposal as for a missing one. `for_page` fetches what its page draws."""
    visible = proposal_rules.visible_proposals(request.user)
    try:
        if for_page:
            return proposal_selectors.proposal_for_page(pk, among=visible)
        return visible.select_related("challenge", "lead_organisation").get(pk=pk)
    except Proposal.DoesNotExist:
        raise Http404 from None


def team_area_or_404(request, pk):
    """The proposal if the user may see its team area (the team and staff), else a 404."""
    proposal = visible_proposal_or_404(request, pk)
    if not proposal_rules.can_view_team_area(request.user, proposal):
        raise Http404
    return proposal
