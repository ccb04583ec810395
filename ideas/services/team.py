"""A proposal's team: invitations (by a hashed one-time token), removal and leaving."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners import notices as following
from partners.models import Membership, Organisation, User

from .. import rules
from ..models import (
    Proposal,
    TeamInvitation,
    TeamMember,
)
from . import notices
from .proposals import ProposalError


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(
    *, proposal: Proposal, by: User, email: str, kind: str, now=None
) -> tuple[TeamInvitation, str]:
    """Invite a person, or an organisation through one of its owners, by e-mail.

    Returns the invitation and the single-use token (only its hash is stored)."""
    if not rules.proposals.can_manage_team(by, proposal, now):
        raise ProposalError(
            _("Only the lead can invite co-developers while the proposal is editable.")
        )
    email = email.strip().lower()
    invitee = User.objects.filter(email__iexact=email).first()
    if kind == TeamInvitation.Kind.ORGANISATION:
        if (
            invitee is None
            or not Membership.objects.filter(user=invitee, role=Membership.Role.OWNER).exists()
        ):
            raise ProposalError(
                _("No organisation owner has this e-mail address. Invite the owner's address.")
            )
    elif invitee is not None and rules.is_team_member(invitee, proposal):
        raise ProposalError(_("This person is already on the team."))
    if TeamInvitation.objects.filter(
        proposal=proposal,
        email__iexact=email,
        status=TeamInvitation.Status.PENDING,
        expires_at__gt=timezone.now(),
    ).exists():
        raise ProposalError(_("An invitation to this address is already waiting for an answer."))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = TeamInvitation.objects.create(
            proposal=proposal,
            email=email,
            kind=kind,
            invited_by=by,
            token_hash=_token_hash(token),
            expires_at=timezone.now() + timedelta(seconds=settings.TORI_INVITATION_MAX_AGE),
        )
        notices.invitation_sent(invitation=invitation, token=token, invitee=invitee)
    return invitation, token


def organisation_invite(
    *, proposal: Proposal, by: User, organisation: Organisation, now=None
) -> TeamInvitation:
    """Invite an organisation picked from the directory: its owners see the invitation in
    their notifications and answer for the organisation (`organisation_invitation_answer`)."""
    if not rules.proposals.can_invite_organisation(by, proposal, now):
        raise ProposalError(
            _("Only the lead can invite co-developers while the proposal is editable.")
        )
    now = now or timezone.now()
    with transaction.atomic():
        Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
        if TeamMember.objects.filter(proposal=proposal, organisation=organisation).exists():
            raise ProposalError(_("This organisation is already on the team."))
        if TeamInvitation.objects.filter(
            proposal=proposal,
            organisation=organisation,
            status=TeamInvitation.Status.PENDING,
            expires_at__gt=now,
        ).exists():
            raise ProposalError(
                _("An invitation to this organisation is already waiting for an answer.")
            )
        owners = list(organisation_owners(organisation))
        if not owners:
            raise ProposalError(
                _("This organisation has no owner to answer yet. Invite a person by e-mail.")
            )
        invitation = TeamInvitation.objects.create(
            proposal=proposal,
            kind=TeamInvitation.Kind.ORGANISATION,
            organisation=organisation,
            invited_by=by,
            expires_at=now + timedelta(seconds=settings.TORI_INVITATION_MAX_AGE),
        )
        notices.organisation_invited(invitation=invitation, owners=owners)
    return invitation


def add_organisation(
    *, proposal: Proposal, organisation: Organisation, follower: User
) -> TeamMember:
    """The organisation joins the team as a co-developer; `follower` (who brought it in)
    follows the proposal from now on."""
    try:
        with transaction.atomic():
            member = TeamMember.objects.create(proposal=proposal, organisation=organisation)
            following.follow_automatically(follower, proposal)
    except IntegrityError:
        raise ProposalError(_("This organisation is already on the team.")) from None
    return member


def organisation_owners(organisation: Organisation):
    """The people who answer for an organisation: its owners with a verified address."""
    return User.objects.filter(
        memberships__organisation=organisation,
        memberships__role=Membership.Role.OWNER,
        email_verified_at__isnull=False,
    ).distinct()


def organisation_invitation_answer(
    *, invitation: TeamInvitation, by: User, accept: bool
) -> TeamMember | None:
    """An owner accepts (the organisation joins the team) or declines for the organisation;
    the team hears the answer."""
    with transaction.atomic():
        invitation = (
            TeamInvitation.objects.select_for_update(of=("self",))
            .select_related("proposal", "proposal__challenge", "organisation", "invited_by")
            .get(pk=invitation.pk)
        )
        if not rules.proposals.can_answer_organisation_invitation(by, invitation):
            raise ProposalError(
                _("Only an owner of the invited organisation can answer while it waits.")
            )
        member = None
        if accept:
            member = add_organisation(
                proposal=invitation.proposal, organisation=invitation.organisation, follower=by
            )
        invitation.status = (
            TeamInvitation.Status.ACCEPTED if accept else TeamInvitation.Status.DECLINED
        )
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "responded_at"])
        notices.organisation_invitation_answered(invitation=invitation, by=by)
    return member


def invitation_by_token(token: str) -> TeamInvitation | None:
    """The pending, unexpired invitation for a token, or None (unknown, used or expired)."""
    if not token:
        return None
    invitation = (
        TeamInvitation.objects.select_related("proposal", "proposal__challenge", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if invitation is None or invitation.status != TeamInvitation.Status.PENDING:
        return None
    if invitation.expires_at is None or invitation.expires_at <= timezone.now():
        return None
    return invitation


def invitation_organisations(*, invitation: TeamInvitation, user: User):
    """Organisations the accepting owner may bring into the team."""
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.OWNER
    ).exclude(team_memberships__proposal=invitation.proposal)


def invitation_accept(
    *, token: str, user: User, organisation: Organisation | None = None
) -> TeamMember:
    with transaction.atomic():
        invitation = invitation_by_token(token)
        if invitation is None:
            raise ProposalError(
                _("This invitation link is not valid: it was used, withdrawn or has expired.")
            )
        invitation = TeamInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != TeamInvitation.Status.PENDING:
            raise ProposalError(
                _("This invitation link is not valid: it was used, withdrawn or has expired.")
            )
        if not user.is_verified or user.email.lower() != invitation.email.lower():
            raise ProposalError(
                _(
                    "This invitation was sent to %(email)s. Sign in with that verified address to accept it."
                )
                % {"email": invitation.email}
            )
        proposal = invitation.proposal
        try:
            with transaction.atomic():
                if invitation.kind == TeamInvitation.Kind.ORGANISATION:
                    if (
                        organisation is None
                        or not invitation_organisations(invitation=invitation, user=user)
                        .filter(pk=organisation.pk)
                        .exists()
                    ):
                        raise ProposalError(
                            _("Choose an organisation you own that is not on the team yet.")
                        )
                    member = TeamMember.objects.create(proposal=proposal, organisation=organisation)
                else:
                    member = TeamMember.objects.create(proposal=proposal, user=user)
                following.follow_automatically(user, proposal)
        except IntegrityError:
            raise ProposalError(_("You are already on this team.")) from None
        invitation.status = TeamInvitation.Status.ACCEPTED
        invitation.organisation = (
            organisation if invitation.kind == TeamInvitation.Kind.ORGANISATION else None
        )
        invitation.responded_at = timezone.now()
        invitation.token_hash = None
        invitation.save(update_fields=["status", "organisation", "responded_at", "token_hash"])
    return member


def invitation_decline(*, token: str) -> TeamInvitation:
    with transaction.atomic():
        invitation = invitation_by_token(token)
        if invitation is None:
            raise ProposalError(
                _("This invitation link is not valid: it was used, withdrawn or has expired.")
            )
        invitation.status = TeamInvitation.Status.DECLINED
        invitation.responded_at = timezone.now()
        invitation.token_hash = None
        invitation.save(update_fields=["status", "responded_at", "token_hash"])
    return invitation


def invitation_revoke(*, invitation: TeamInvitation, by: User) -> None:
    if not rules.proposals.can_manage_team(by, invitation.proposal):
        raise ProposalError(_("Only the lead can withdraw invitations."))
    TeamInvitation.objects.filter(pk=invitation.pk, status=TeamInvitation.Status.PENDING).update(
        status=TeamInvitation.Status.REVOKED, token_hash=None, responded_at=timezone.now()
    )


def team_member_remove(*, member: TeamMember, by: User, now=None) -> None:
    if member.role == TeamMember.Role.LEAD:
        raise ProposalError(_("The lead cannot be removed from the team."))
    if not rules.proposals.can_manage_team(by, member.proposal, now):
        raise ProposalError(
            _("Only the lead can remove co-developers while the proposal is editable.")
        )
    member.delete()


def team_leave(*, member: TeamMember, by: User) -> None:
    if not rules.proposals.can_leave_team(by, member):
        raise ProposalError(_("The lead cannot leave the team."))
    member.delete()
