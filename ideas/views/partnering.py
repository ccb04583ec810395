"""Finding partners: the public partner search, a call's page (where organisations ask to
join), and the team's calls and answers to requests (the team page's partnering section)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partners.pagination import page_or_404

from ..filters import PartnerCallFilter, PartnerOrganisationFilter
from ..models import JoinRequest, PartnerCall
from ..partner_forms import JoinRequestForm, PartnerCallForm
from ..rules import partnering as rules
from ..selectors import partnering as selectors
from ..services import partnering as services
from ..services.proposals import ProposalError
from .lookups import team_area_or_404

PAGE_SIZE = 20
CALLS_PAGE = "calls_page"


def _filtered(filterset):
    return filterset.qs if filterset.is_valid() else filterset.queryset


def partner_search(request):
    """Organisations to partner with and open calls for partners, filtered by one form."""
    organisations = PartnerOrganisationFilter(
        request.GET, queryset=selectors.partner_organisations()
    )
    calls = PartnerCallFilter(request.GET, queryset=selectors.listed_calls())
    organisation_page = page_or_404(Paginator(_filtered(organisations), PAGE_SIZE), request)
    call_page = page_or_404(Paginator(_filtered(calls), PAGE_SIZE), request, CALLS_PAGE)
    query = request.GET.copy()
    for name in ("page", CALLS_PAGE):
        query.pop(name, None)
    return render(
        request,
        "ideas/partner_search.html",
        {
            "organisation_filter": organisations,
            "call_filter": calls,
            "organisation_page": organisation_page,
            "organisations": selectors.decorate_organisations(organisation_page.object_list),
            "call_page": call_page,
            "calls": selectors.decorate(call_page.object_list),
            "querystring": query.urlencode(),
            "filtered": any(value for key, value in query.items()),
        },
    )


def _call_or_404(request, call_pk) -> PartnerCall:
    call = (
        PartnerCall.objects.select_related(
            "proposal", "proposal__challenge", "proposal__lead_organisation"
        )
        .filter(pk=call_pk)
        .first()
    )
    if call is None or not rules.can_view_partner_call(request.user, call):
        raise Http404
    return call


def call_detail(request, call_pk):
    """A call's page; a member of an organisation not on the team asks to join it here."""
    call = _call_or_404(request, call_pk)
    user = request.user
    organisations = rules.organisations_that_may_join(user, call.proposal)
    pending = selectors.pending_request_for(call, organisations) if user.is_authenticated else None
    may_ask = pending is None and rules.can_request_to_join(user, call)
    form = None
    status = 200
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('partners:login')}?{urlencode({'next': request.path})}")
        form = JoinRequestForm(request.POST, organisations=organisations)
        if form.is_valid():
            try:
                services.join_request_create(
                    call=call,
                    by=user,
                    organisation=form.cleaned_data["organisation"],
                    message=form.cleaned_data["message"],
                )
            except ProposalError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _(
                        "Your request was sent to the team. You will hear its answer in your notifications."
                    ),
                )
                return redirect("ideas:partner-call", call_pk=call.pk)
        status = 400
    elif may_ask:
        form = JoinRequestForm(organisations=organisations)
    [call] = selectors.decorate([call])
    return render(
        request,
        "ideas/partner_call.html",
        {
            "call": call,
            "form": form,
            "pending": pending,
            "can_withdraw": pending is not None and rules.can_withdraw_join_request(user, pending),
            "can_edit": rules.can_edit_partner_call(user, call),
            "is_team": rules.can_view_team_area(user, call.proposal),
            "login_url": f"{reverse('partners:login')}?{urlencode({'next': request.path})}",
        },
        status=status,
    )


def _call_form_page(request, proposal, *, call=None):
    form = PartnerCallForm(request.POST or None, instance=call)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {
                "by": request.user,
                "description": form.cleaned_data["description"],
                "capabilities": form.cleaned_data["capabilities"],
            }
            try:
                if call is None:
                    services.call_create(proposal=proposal, **data)
                    messages.success(request, _("Your call for partners is published."))
                else:
                    services.call_update(call=call, **data)
                    messages.success(request, _("The call for partners was saved."))
            except ProposalError as error:
                messages.error(request, error.message)
            return redirect(reverse("ideas:proposal-team", args=[proposal.pk]) + "#partners")
        status = 400
    return render(
        request,
        "ideas/partner_call_form.html",
        {"proposal": proposal, "call": call, "form": form},
        status=status,
    )


@login_required
def call_create(request, pk):
    proposal = team_area_or_404(request, pk)
    if not rules.can_post_partner_call(request.user, proposal):
        messages.error(
            request, _("Only the team can look for partners while the proposal is editable.")
        )
        return redirect("ideas:proposal-team", pk=proposal.pk)
    return _call_form_page(request, proposal)


def _team_call(request, pk, call_pk):
    proposal = team_area_or_404(request, pk)
    return proposal, get_object_or_404(PartnerCall, pk=call_pk, proposal=proposal)


@login_required
def call_edit(request, pk, call_pk):
    proposal, call = _team_call(request, pk, call_pk)
    if not rules.can_edit_partner_call(request.user, call):
        messages.error(
            request, _("Only the team can change its calls while the proposal is editable.")
        )
        return redirect("ideas:proposal-team", pk=proposal.pk)
    return _call_form_page(request, proposal, call=call)


@login_required
@require_POST
def call_close(request, pk, call_pk):
    proposal, call = _team_call(request, pk, call_pk)
    try:
        services.call_close(call=call, by=request.user)
    except ProposalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The call for partners is closed."))
    return redirect(reverse("ideas:proposal-team", args=[proposal.pk]) + "#partners")


@login_required
@require_POST
def join_request_answer(request, pk, request_pk):
    proposal = team_area_or_404(request, pk)
    join_request = get_object_or_404(JoinRequest, pk=request_pk, proposal=proposal)
    accept = request.POST.get("action") == "accept"
    try:
        services.join_request_answer(join_request=join_request, by=request.user, accept=accept)
    except ProposalError as error:
        messages.error(request, error.message)
    else:
        name = join_request.organisation.name
        if accept:
            messages.success(
                request, _("%(organisation)s is now on the team.") % {"organisation": name}
            )
        else:
            messages.info(
                request, _("You declined the request of %(organisation)s.") % {"organisation": name}
            )
    return redirect(reverse("ideas:proposal-team", args=[proposal.pk]) + "#join-requests")


@login_required
@require_POST
def join_request_withdraw(request, request_pk):
    """The requesting organisation's member withdraws; anyone else gets a 404."""
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("organisation"), pk=request_pk
    )
    if not rules.can_withdraw_join_request(request.user, join_request):
        raise Http404
    services.join_request_withdraw(join_request=join_request, by=request.user)
    messages.info(request, _("Your request to join was withdrawn."))
    if join_request.call_id:
        return redirect("ideas:partner-call", call_pk=join_request.call_id)
    return redirect("ideas:partner-search")


urlpatterns = [
    path("partners/", partner_search, name="partner-search"),
    path("partners/calls/<int:call_pk>/", call_detail, name="partner-call"),
    path(
        "partners/requests/<int:request_pk>/withdraw/",
        join_request_withdraw,
        name="join-request-withdraw",
    ),
    path("proposals/<int:pk>/partner-calls/new/", call_create, name="partner-call-create"),
    path(
        "proposals/<int:pk>/partner-calls/<int:call_pk>/edit/",
        call_edit,
        name="partner-call-edit",
    ),
    path(
        "proposals/<int:pk>/partner-calls/<int:call_pk>/close/",
        call_close,
        name="partner-call-close",
    ),
    path(
        "proposals/<int:pk>/join-requests/<int:request_pk>/answer/",
        join_request_answer,
        name="join-request-answer",
    ),
]
