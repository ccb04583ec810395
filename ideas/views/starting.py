"""Where a partner starts a new proposal: the chooser of challenges open for proposals."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path

from ..rules import proposals as proposal_rules
from ..selectors import proposals as proposal_selectors


@login_required
def proposal_new(request):
    """The challenges accepting proposals, each with whether the person may propose to it and
    why not; straight to the form when exactly one is open and they may propose to it."""
    challenges = list(proposal_selectors.challenges_open_for_proposals())
    options = [
        (challenge, proposal_rules.can_start_proposal(request.user, challenge))
        for challenge in challenges
    ]
    if len(options) == 1 and options[0][1]:
        return redirect("ideas:proposal-start", challenge_pk=options[0][0].pk)
    return render(request, "ideas/proposal_new.html", {"options": options})


urlpatterns = [
    path("proposals/new/", proposal_new, name="proposal-new"),
]
