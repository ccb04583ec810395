"""The team's cover image for a proposal: upload, describe, replace or remove it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import CoverForm
from ..services import covers as cover_services
from ..services.proposals import ProposalError
from .lookups import visible_proposal_or_404
from .proposals import render_proposal_page


@login_required
@require_POST
def cover_edit(request, pk):
    proposal = visible_proposal_or_404(request, pk, for_page=True)
    form = CoverForm(request.POST, request.FILES, proposal=proposal)
    if form.is_valid():
        data = form.cleaned_data
        try:
            cover_services.cover_set(
                proposal=proposal,
                by=request.user,
                upload=data.get("cover_image") or None,
                alt=data["cover_image_alt"],
                decorative=data["cover_image_decorative"],
                translations=data["translations"],
                remove=data.get("remove", False),
            )
        except ProposalError as error:
            messages.error(request, error.message)
            return redirect(proposal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cover image has been saved."))
            return redirect(proposal)
    return render_proposal_page(request, proposal, cover_form=form, status=400)


urlpatterns = [
    path("proposals/<int:pk>/cover/", cover_edit, name="proposal-cover"),
]
