from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path

from ..models import Proposal
from ..rules import can_view_proposal


def proposal_detail(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("challenge", "lead_organisation"), pk=pk)
    if not can_view_proposal(request.user, proposal):
        raise Http404
    return render(request, "ideas/proposal_detail.html", {"proposal": proposal})


urlpatterns = [
    path("proposals/<int:pk>/", proposal_detail, name="proposal-detail"),
]
