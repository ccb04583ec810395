"""Invitations to join an organisation: send, read from the link, accept, decline, withdraw."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .. import tokens
from ..models import Membership, Organisation, OrganisationInvitation, User
from .accounts import normalise_email
from .errors import (
    AlreadyMember,
    InvitationDeclined,
    InvitationRevoked,
    LinkExpired,
    LinkInvalid,
    LinkUsed,
    WrongAccount,
    read_link_token,
)
from .mail import send_template_mail, url_in_language


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, invited_by: User, email: str, role: str = Membership.Role.MEMBER
) -> OrganisationInvitation:
    email = normalise_email(email)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise AlreadyMember
    invitation = OrganisationInvitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=invited_by
    )
    invitee = User.objects.filter(email__iexact=email).first()
    language = (
        invitee.preferred_language
        if invitee
        else (translation.get_language() or settings.LANGUAGE_CODE)
    )
    token = tokens.make_invitation_token(invitation)
    link = url_in_language(language, "partners:invitation", token=token)
    transaction.on_commit(
        lambda: _send_invitation(invitation=invitation, language=language, link=link)
    )
    return invitation


def _send_invitation(*, invitation: OrganisationInvitation, language: str, link: str) -> None:
    organisation = invitation.organisation
    with translation.override(language):  # the subject in the invitee's language
        subject = _("You are invited to join %(organisation)s on Tori") % {
            "organisation": organisation.name
        }
    send_template_mail(
        to=invitation.email,
        language=language,
        subject=subject,
        template="partners/email/invitation",
        context={
            "invitation": invitation,
            "organisation": organisation,
            "inviter": invitation.invited_by,
            "link": link,
        },
    )


def invitation_from_token(token: str, *, lock: bool = False) -> OrganisationInvitation:
    """The pending invitation the token names, or a PartnersError saying why it cannot be used."""
    pk, email = read_link_token(
        tokens.read_invitation_token,
        token,
        expired=LinkExpired(
            _("This invitation has expired. Ask the organisation to invite you again.")
        ),
    )
    invitations = OrganisationInvitation.objects.select_related("organisation", "invited_by")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(pk=pk, email=email).first()
    if invitation is None:
        raise LinkInvalid
    status = OrganisationInvitation.Status
    if invitation.status == status.ACCEPTED:
        raise LinkUsed(_("This invitation has already been accepted. It works only once."))
    if invitation.status == status.DECLINED:
        raise InvitationDeclined
    if invitation.status == status.REVOKED:
        raise InvitationRevoked
    return invitation


def _answer(invitation: OrganisationInvitation, status: str) -> None:
    """Close the invitation with `status`, recording when."""
    invitation.status = status
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    invitation = invitation_from_token(token, lock=True)
    if normalise_email(user.email) != invitation.email:
        raise WrongAccount
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    if (
        not created
        and invitation.role == Membership.Role.OWNER
        and membership.role != Membership.Role.OWNER
    ):
        membership.role = Membership.Role.OWNER
        membership.save(update_fields=["role"])
    _answer(invitation, OrganisationInvitation.Status.ACCEPTED)
    if not user.is_verified:
        # The link reached this address, so the address is the user's.
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return membership


@transaction.atomic
def invitation_decline(*, token: str) -> OrganisationInvitation:
    invitation = invitation_from_token(token, lock=True)
    _answer(invitation, OrganisationInvitation.Status.DECLINED)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: OrganisationInvitation) -> None:
    if invitation.status == OrganisationInvitation.Status.PENDING:
        _answer(invitation, OrganisationInvitation.Status.REVOKED)
