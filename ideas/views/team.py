"""The team: invitations (single-use, expiring tokens), removing members, leaving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partners.ratelimits import invitations_refused

from ..filters import OrganisationToInviteFilter
from ..forms import (
    AcceptInvitationForm,
    InvitationForm,
    OrganisationInvitationForm,
)
from ..models import TeamInvitation, TeamMember
from ..rules import proposals as proposal_rules
from ..selectors import proposals as proposal_selectors
from ..services import proposals as proposal_services
from ..services import team as team_services
from .lookups import team_area_or_404


def team(request, pk):
    proposal = team_area_or_404(request, pk)
    can_manage = proposal_rules.can_manage_team(request.user, proposal)
    form = InvitationForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            messages.error(
                request, _("Only the lead can invite co-developers while the proposal is editable.")
            )
            return redirect("ideas:proposal-team", pk=proposal.pk)
        if form.is_valid():
            if refused := invitations_refused(request, form):
                return refused
            try:
                team_services.invitation_create(
                    proposal=proposal,
                    by=request.user,
                    email=form.cleaned_data["email"],
                    kind=form.cleaned_data["kind"],
                )
            except proposal_services.ProposalError as error:
                form.add_error("email", error.message)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("ideas:proposal-team", pk=proposal.pk)
    return _render_team(request, proposal, form=form)


def _render_team(request, proposal, *, form=None, organisation_form=None, status=200):
    can_manage = proposal_rules.can_manage_team(request.user, proposal)
    if form is None and can_manage:
        form = InvitationForm()
    search = OrganisationToInviteFilter(
        request.GET or None, queryset=proposal_selectors.organisations_with_owner()
    )
    query = search.form.cleaned_data.get("q", "") if search.is_valid() else ""
    if organisation_form is None and proposal_rules.can_invite_organisation(request.user, proposal):
        organisation_form = OrganisationInvitationForm(
            organisations=proposal_selectors.organisations_to_invite(
                organisations=search.qs if search.is_valid() else search.queryset
            )
        )
    members = list(proposal.team.select_related("organisation", "user").order_by("role", "id"))
    for member in members:
        member.leavable = proposal_rules.can_leave_team(request.user, member)
    invitations = proposal.invitations.filter(status=TeamInvitation.Status.PENDING).select_related(
        "invited_by", "organisation"
    )
    return render(
        request,
        "ideas/proposal_team.html",
        {
            "proposal": proposal,
            "members": members,
            "invitations": invitations,
            "form": form if can_manage else None,
            "organisation_form": organisation_form,
            "search_form": search.form,
            "query": query,
            "can_manage": can_manage,
        },
        status=status,
    )


@login_required
@require_POST
def organisation_invite(request, pk):
    """Invite an organisation picked from the directory; a refusal shows next to the field."""
    proposal = team_area_or_404(request, pk)
    form = OrganisationInvitationForm(
        request.POST, organisations=proposal_selectors.organisations_with_owner()
    )
    if not proposal_rules.can_invite_organisation(request.user, proposal):
        messages.error(
            request, _("Only the lead can invite co-developers while the proposal is editable.")
        )
        return redirect("ideas:proposal-team", pk=proposal.pk)
    if not form.is_valid():
        return _render_team(request, proposal, organisation_form=form, status=400)
    if refused := invitations_refused(request, form):
        return refused
    organisation = form.cleaned_data["organisation"]
    try:
        team_services.organisation_invite(
            proposal=proposal, by=request.user, organisation=organisation
        )
    except proposal_services.ProposalError as error:
        form.add_error("organisation", error.message)
        return _render_team(request, proposal, organisation_form=form, status=400)
    messages.success(
        request,
        _("%(organisation)s is invited. Its owners answer for it.")
        % {"organisation": organisation.name},
    )
    return redirect("ideas:proposal-team", pk=proposal.pk)


def organisation_invitation(request, pk, invitation_pk):
    """An owner of the invited organisation accepts or declines for it. A visitor signs in
    first (the notification's link may be opened signed out); anyone else: 404."""
    invitation = get_object_or_404(
        TeamInvitation.objects.select_related(
            "proposal", "proposal__challenge", "organisation", "invited_by"
        ),
        pk=invitation_pk,
        proposal_id=pk,
    )
    if not request.user.is_authenticated:
        return redirect(f"{_login_url()}?{urlencode({'next': request.path})}")
    if not proposal_rules.can_answer_organisation_invitation(request.user, invitation):
        raise Http404
    if request.method == "POST":
        accept = request.POST.get("action") == "accept"
        try:
            team_services.organisation_invitation_answer(
                invitation=invitation, by=request.user, accept=accept
            )
        except proposal_services.ProposalError as error:
            messages.error(request, error.message)
            return redirect("notifications:list")
        if accept:
            messages.success(
                request,
                _("%(organisation)s is now on the team of “%(title)s”.")
                % {
                    "organisation": invitation.organisation.name,
                    "title": invitation.proposal.text("title"),
                },
            )
            return redirect(invitation.proposal)
        messages.info(request, _("You declined the invitation."))
        return redirect("notifications:list")
    return render(request, "ideas/organisation_invitation.html", {"invitation": invitation})


@login_required
@require_POST
def member_remove(request, pk, member_pk):
    proposal = team_area_or_404(request, pk)
    member = get_object_or_404(
        TeamMember.objects.select_related("proposal__challenge"), pk=member_pk, proposal=proposal
    )
    try:
        team_services.team_member_remove(member=member, by=request.user)
    except proposal_services.ProposalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(member)s was removed from the team.") % {"member": member})
    return redirect("ideas:proposal-team", pk=proposal.pk)


@login_required
@require_POST
def member_leave(request, pk, member_pk):
    proposal = team_area_or_404(request, pk)
    member = get_object_or_404(TeamMember, pk=member_pk, proposal=proposal)
    try:
        team_services.team_leave(member=member, by=request.user)
    except proposal_services.ProposalError as error:
        messages.error(request, error.message)
        return redirect("ideas:proposal-team", pk=proposal.pk)
    messages.success(request, _("You left the team of “%(title)s”.") % {"title": proposal.title})
    return redirect("ideas:my-proposals")


@login_required
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    proposal = team_area_or_404(request, pk)
    invitation = get_object_or_404(
        TeamInvitation.objects.select_related("proposal__challenge"),
        pk=invitation_pk,
        proposal=proposal,
    )
    try:
        team_services.invitation_revoke(invitation=invitation, by=request.user)
    except proposal_services.ProposalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation was withdrawn."))
    return redirect("ideas:proposal-team", pk=proposal.pk)


def invitation(request, token):
    """Accept or decline a team invitation. Used, withdrawn or expired tokens get a clear page."""
    found = team_services.invitation_by_token(token)
    if found is None:
        return render(request, "ideas/invitation_invalid.html", status=410)
    organisations = None
    form = None
    if request.user.is_authenticated and found.kind == TeamInvitation.Kind.ORGANISATION:
        organisations = team_services.invitation_organisations(invitation=found, user=request.user)
        form = AcceptInvitationForm(request.POST or None, organisations=organisations)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "decline":
            team_services.invitation_decline(token=token)
            messages.info(request, _("You declined the invitation."))
            return redirect("/")
        if action == "accept":
            if not request.user.is_authenticated:
                return redirect(f"{_login_url()}?next={request.path}")
            organisation = None
            if form is not None:
                if not form.is_valid():
                    return render(
                        request,
                        "ideas/invitation.html",
                        {"invitation": found, "form": form},
                        status=400,
                    )
                organisation = form.cleaned_data["organisation"]
            try:
                team_services.invitation_accept(
                    token=token, user=request.user, organisation=organisation
                )
            except proposal_services.ProposalError as error:
                messages.error(request, error.message)
                return render(
                    request,
                    "ideas/invitation.html",
                    {"invitation": found, "form": form},
                    status=400,
                )
            messages.success(
                request, _("Welcome to the team of “%(title)s”.") % {"title": found.proposal.title}
            )
            return redirect(found.proposal)
    return render(request, "ideas/invitation.html", {"invitation": found, "form": form})


def _login_url():
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)


urlpatterns = [
    path("proposals/<int:pk>/team/", team, name="proposal-team"),
    path(
        "proposals/<int:pk>/team/invite-organisation/",
        organisation_invite,
        name="team-invite-organisation",
    ),
    path(
        "proposals/<int:pk>/invitations/<int:invitation_pk>/",
        organisation_invitation,
        name="organisation-invitation",
    ),
    path("proposals/<int:pk>/team/<int:member_pk>/remove/", member_remove, name="team-remove"),
    path("proposals/<int:pk>/team/<int:member_pk>/leave/", member_leave, name="team-leave"),
    path(
        "proposals/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        invitation_revoke,
        name="invitation-revoke",
    ),
    path("invitations/<str:token>/", invitation, name="invitation"),
]
