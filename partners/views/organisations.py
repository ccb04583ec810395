"""Organisations: directory, profile, create/edit, members and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import rules, selectors
from ..capabilities import capability_names
from ..filters import OrganisationDirectoryFilter
from ..forms import InvitationForm, MembershipRoleForm, OrganisationForm
from ..models import Membership, Organisation, OrganisationInvitation
from ..pagination import page_or_404
from ..ratelimits import invitations_refused
from ..services import invitations as invitation_services
from ..services import memberships as membership_services
from ..services import organisations as organisation_services
from ..services.accounts import normalise_email
from ..services.errors import AlreadyMember, LastOwnerError, PartnersError
from .common import link_problem, refuse

PAGE_SIZE = 20


def organisation_list(request):
    filterset = OrganisationDirectoryFilter(
        request.GET or None, queryset=selectors.organisation_directory()
    )
    queryset = (
        filterset.qs
        if filterset.is_bound and filterset.is_valid()
        else selectors.organisation_directory()
    )
    page = page_or_404(Paginator(queryset, PAGE_SIZE), request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/organisation_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "organisations": page.object_list,
            "querystring": query.urlencode(),
            "can_create_organisation": rules.can_create_organisation(request.user),
        },
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(selectors.organisation_with_members(slug=slug))
    user = request.user
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": organisation.memberships.all(),
            "capability_names": capability_names(organisation.capability_tags.all()),
            "can_edit": rules.can_edit_organisation(user, organisation),
            "can_manage_members": rules.can_manage_members(user, organisation),
            "can_leave": rules.can_leave_organisation(user, organisation),
        },
    )


@login_required
def organisation_create(request):
    if not rules.can_create_organisation(request.user):
        return refuse(request, _("Confirm your e-mail address before you create an organisation."))
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES)
        if form.is_valid():
            organisation = organisation_services.organisation_create(
                creator=request.user,
                logo_upload=form.cleaned_data.get("logo_file") or None,
                capability_tags=form.cleaned_data["capability_tags"],
                **{
                    name: form.cleaned_data[name]
                    for name in organisation_services.ORGANISATION_FIELDS
                },
            )
            messages.success(request, _("The organisation has been created. You are its owner."))
            return redirect(organisation)
    else:
        form = OrganisationForm()
    return render(request, "partners/organisation_form.html", {"form": form, "organisation": None})


@login_required
def organisation_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not rules.can_edit_organisation(request.user, organisation):
        return refuse(request, _("Only the organisation's owners can edit it."))
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES, instance=organisation)
        if form.is_valid():
            data = {
                name: form.cleaned_data[name] for name in organisation_services.ORGANISATION_FIELDS
            }
            organisation.refresh_from_db()
            organisation_services.organisation_update(
                organisation=organisation,
                by=request.user,
                logo_upload=form.cleaned_data.get("logo_file") or None,
                logo_remove=form.cleaned_data.get("logo_remove", False),
                capability_tags=form.cleaned_data["capability_tags"],
                **data,
            )
            messages.success(request, _("The organisation has been saved."))
            return redirect(organisation)
    else:
        form = OrganisationForm(instance=organisation)
    return render(
        request, "partners/organisation_form.html", {"form": form, "organisation": organisation}
    )


def _members_refused(request, organisation):
    """The refusal for someone who may not manage the organisation's members, or None."""
    if not rules.can_manage_members(request.user, organisation):
        return refuse(request, _("Only the organisation's owners can manage its members."))
    return None


@login_required
def organisation_members(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if refused := _members_refused(request, organisation):
        return refused
    invite_form = InvitationForm()
    status = 200
    if request.method == "POST":
        invite_form = InvitationForm(request.POST)
        if invite_form.is_valid():
            if refused := invitations_refused(request, invite_form):
                return refused
            try:
                invitation_services.invitation_create(
                    organisation=organisation,
                    invited_by=request.user,
                    email=invite_form.cleaned_data["email"],
                    role=invite_form.cleaned_data["role"],
                )
            except AlreadyMember as exc:
                invite_form.add_error("email", str(exc.message))
            else:
                messages.success(
                    request,
                    _("An invitation has been sent to %(email)s.")
                    % {"email": invite_form.cleaned_data["email"]},
                )
                return redirect("partners:organisation-members", slug=organisation.slug)
        status = 400
    return render(
        request,
        "partners/organisation_members.html",
        {
            "organisation": organisation,
            "memberships": selectors.organisation_members(organisation=organisation),
            "invitations": selectors.organisation_pending_invitations(organisation=organisation),
            "invite_form": invite_form,
            "role_choices": Membership.Role.choices,
        },
        status=status,
    )


def _member(organisation, pk):
    return get_object_or_404(
        Membership.objects.select_related("user"), organisation=organisation, pk=pk
    )


@login_required
@require_POST
def member_remove(request, slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug)
    if refused := _members_refused(request, organisation):
        return refused
    membership = _member(organisation, pk)
    try:
        membership_services.membership_remove(membership=membership)
    except PartnersError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("%(name)s has been removed.") % {"name": membership.user})
    if membership.user_id == request.user.pk:
        return redirect(organisation)
    return redirect("partners:organisation-members", slug=organisation.slug)


@login_required
@require_POST
def member_role(request, slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug)
    if refused := _members_refused(request, organisation):
        return refused
    membership = _member(organisation, pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
    else:
        try:
            membership_services.membership_set_role(
                membership=membership, role=form.cleaned_data["role"]
            )
        except PartnersError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request,
                _("%(name)s is now: %(role)s.")
                % {"name": membership.user, "role": membership.get_role_display()},
            )
    return redirect("partners:organisation-members", slug=organisation.slug)


@login_required
@require_POST
def ownership_hand_over(request, slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug)
    if refused := _members_refused(request, organisation):
        return refused
    target = _member(organisation, pk)
    own = get_object_or_404(Membership, organisation=organisation, user=request.user)
    if target.pk == own.pk:
        messages.error(request, _("Choose another member to hand the ownership over to."))
        return redirect("partners:organisation-members", slug=organisation.slug)
    membership_services.ownership_hand_over(from_membership=own, to_membership=target)
    messages.success(
        request, _("%(name)s is now the owner; you remain a member.") % {"name": target.user}
    )
    return redirect(organisation)


@login_required
@require_POST
def organisation_leave(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    membership = Membership.objects.filter(organisation=organisation, user=request.user).first()
    if membership is None:
        return refuse(request, _("You are not a member of this organisation."))
    try:
        membership_services.membership_remove(membership=membership)
    except LastOwnerError:
        messages.error(
            request,
            _(
                "You are the last owner. Hand the ownership over to another member before you leave."
            ),
        )
    else:
        messages.success(
            request, _("You have left %(organisation)s.") % {"organisation": organisation}
        )
    return redirect(organisation)


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not rules.can_invite_to_organisation(request.user, organisation):
        return refuse(request, _("Only the organisation's owners can manage its members."))
    invitation = get_object_or_404(OrganisationInvitation, organisation=organisation, pk=pk)
    invitation_services.invitation_revoke(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email}
    )
    return redirect("partners:organisation-members", slug=organisation.slug)


def invitation(request, token):
    """Accept or decline an invitation. The invitee signs in with the invited address to accept."""
    title = _("Invitation")
    try:
        invitation = invitation_services.invitation_from_token(token)
    except PartnersError as exc:
        return link_problem(request, exc, title=title)
    here = request.path
    context = {
        "invitation": invitation,
        "title": title,
        "login_url": f"{reverse('partners:login')}?{urlencode({'next': here})}",
        "register_url": f"{reverse('partners:register')}?{urlencode({'next': here})}",
    }
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "decline":
                invitation_services.invitation_decline(token=token)
                return render(request, "partners/invitation_declined.html", context)
            if action == "accept":
                if not request.user.is_authenticated:
                    return redirect(context["login_url"])
                invitation_services.invitation_accept(token=token, user=request.user)
                messages.success(
                    request,
                    _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation},
                )
                return redirect(invitation.organisation)
        except PartnersError as exc:
            return link_problem(request, exc, title=title)
        raise Http404
    context["wrong_account"] = (
        request.user.is_authenticated and normalise_email(request.user.email) != invitation.email
    )
    return render(request, "partners/invitation.html", context)
