"""Writes about proposals: starting, saving (with revisions and stale-version refusal),
submitting, withdrawing, attachments and the team (invitations, removal, leaving).

Every function is keyword-only and atomic; e-mail and notifications go out after commit.
The functions enforce the domain rules themselves (phase, status, team) so that views, the
demo and tests obey the same rules; views ask `ideas.rules` first to show a clear message.
"""

import hashlib
import secrets
import uuid
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.models import CustomerGroup
from partners import signals as partner_signals
from partners.models import Membership, Organisation, User
from partners.translated import clean_translations

from .. import rules
from ..models import (
    Proposal,
    ProposalAttachment,
    ProposalRevision,
    ProposalStatus,
    TeamInvitation,
    TeamMember,
)
from ..selectors.proposals import default_locale_challenge, team_users
from . import notices
from .workflow import TransitionError, change_status


class ProposalError(Exception):
    """A refused write; `message` is shown to the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class StaleVersion(ProposalError):
    """The proposal was saved by someone else since the editor loaded it."""

    def __init__(self, current_version: int):
        super().__init__(
            _(
                "Someone else saved this proposal while you were editing it (it is now at "
                "version %(version)s). Nothing was saved: your text is still in the form below. "
                "Open the proposal again, then add your changes to the latest version."
            )
            % {"version": current_version}
        )
        self.current_version = current_version


# --- starting and saving ---------------------------------------------------------------


def _check_groups(challenge, customer_groups):
    allowed = set(CustomerGroup.objects.filter(challenges=challenge).values_list("id", flat=True))
    chosen = list(customer_groups or ())
    if any(group.pk not in allowed for group in chosen):
        raise ProposalError(_("Choose customer groups from the challenge's target groups."))
    return chosen


def proposal_start(
    *,
    user: User,
    challenge,
    organisation: Organisation | None,
    title: str,
    summary: str,
    body: str = "",
    customer_groups=(),
    language: str = "fi",
    translations: dict | None = None,
    now=None,
) -> Proposal:
    """Start a draft for `organisation` (the lead), or as an individual when `organisation` is None."""
    challenge = default_locale_challenge(challenge)
    decision = rules.can_start_proposal(user, challenge, now)
    if not decision:
        raise ProposalError(decision.reason)
    if organisation is not None and not rules.proposals.can_propose_for_organisation(
        user, organisation
    ):
        raise ProposalError(_("You can make proposals only for organisations you belong to."))
    if organisation is None and not rules.proposals.can_propose_as_individual(user, challenge):
        raise ProposalError(_("This challenge accepts proposals from organisations only."))
    with transaction.atomic():
        groups = _check_groups(challenge, customer_groups)
        proposal = Proposal.objects.create(
            challenge=challenge,
            title=title,
            summary=summary,
            body=body,
            language=language,
            translations=clean_translations(
                translations, fields=Proposal.translated_fields, original=language
            ),
            lead_organisation=organisation,
            created_by=user,
            status=ProposalStatus.DRAFT,
            version=1,
        )
        proposal.customer_groups.set(groups)
        if organisation is not None:
            TeamMember.objects.create(
                proposal=proposal, organisation=organisation, role=TeamMember.Role.LEAD
            )
        else:
            TeamMember.objects.create(proposal=proposal, user=user, role=TeamMember.Role.LEAD)
        ProposalRevision.objects.create(
            proposal=proposal, version=1, author=user, title=title, summary=summary, body=body
        )
    return proposal


def proposal_update(
    *,
    proposal: Proposal,
    by: User,
    expected_version: int,
    title: str,
    summary: str,
    body: str = "",
    customer_groups=(),
    language: str | None = None,
    translations: dict | None = None,
    now=None,
) -> Proposal:
    """Save an edit as a new revision, only if nobody saved since `expected_version`.

    The check and the version bump are one conditional UPDATE, so two editors saving the same
    version cannot both succeed: the second gets StaleVersion and nothing is overwritten."""
    if not rules.can_edit_proposal(by, proposal, now):
        raise ProposalError(_("This proposal can no longer be edited."))
    with transaction.atomic():
        groups = _check_groups(proposal.challenge, customer_groups)
        fields = {"title": title, "summary": summary, "body": body, "updated_at": timezone.now()}
        if language:
            fields["language"] = language
        if translations is not None:
            fields["translations"] = clean_translations(
                translations,
                fields=Proposal.translated_fields,
                original=language or proposal.language,
            )
        updated = Proposal.objects.filter(
            pk=proposal.pk, version=expected_version, status__in=rules.proposals.EDITABLE_STATUSES
        ).update(version=F("version") + 1, **fields)
        if not updated:
            current = (
                Proposal.objects.filter(pk=proposal.pk).values_list("version", flat=True).first()
            )
            raise StaleVersion(current or expected_version)
        partner_signals.updated(Proposal, [proposal.pk])
        new_version = expected_version + 1
        proposal.customer_groups.set(groups)
        ProposalRevision.objects.create(
            proposal_id=proposal.pk,
            version=new_version,
            author=by,
            title=title,
            summary=summary,
            body=body,
        )
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.version = new_version
    return proposal


def proposal_submit(
    *, proposal: Proposal, by: User, publication_consent: bool, now=None
) -> Proposal:
    """Submit a draft. Consent to publication is required when the challenge publishes proposals."""
    if not rules.can_submit(by, proposal, now):
        raise ProposalError(_("Only the team can submit a draft, and only before proposals close."))
    if proposal.challenge.proposals_public and not publication_consent:
        raise ProposalError(
            _("This challenge publishes proposals: give your consent to publication to submit.")
        )
    with transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(
            publication_consent=bool(publication_consent)
        )
        partner_signals.updated(Proposal, [proposal.pk])
        proposal.publication_consent = bool(publication_consent)
        change_status(proposal=proposal, to_status=ProposalStatus.SUBMITTED, by=by)
    return proposal


def proposal_withdraw(*, proposal: Proposal, by: User, reason: str = "", now=None) -> Proposal:
    if not rules.can_withdraw(by, proposal, now):
        raise ProposalError(
            _("The team can withdraw a submitted proposal only before proposals close.")
        )
    change_status(proposal=proposal, to_status=ProposalStatus.WITHDRAWN, by=by, reason=reason)
    return proposal


def staff_change_status(*, proposal: Proposal, by: User, to_status: str, reason: str):
    """A staff decision (shortlist, select, decline) with its reason."""
    if not rules.proposals.can_change_status(by, proposal):
        raise ProposalError(_("Only staff change a proposal's status."))
    if not (reason or "").strip():
        raise ProposalError(_("Give a reason for the change; the team will see it."))
    return change_status(proposal=proposal, to_status=to_status, by=by, reason=reason.strip())


# --- attachments -------------------------------------------------------------------------

SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


def sniff_content_type(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the file's first bytes, or None if not PDF/PNG/JPEG."""
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


def clean_filename(name: str, extension: str) -> str:
    """A safe display name: no path, only safe characters, the extension the content has."""
    stem = PurePath((name or "").replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    try:
        stem = get_valid_filename(stem)
    except Exception:  # noqa: BLE001 - SuspiciousFileOperation for names like ".."
        stem = ""
    stem = stem.strip("._-")[:100] or "attachment"
    return f"{stem}.{extension}"


def attachment_add(*, proposal: Proposal, by: User, upload, now=None) -> ProposalAttachment:
    """Store an uploaded PDF, PNG or JPEG (checked by content) for the team."""
    if not rules.can_edit_proposal(by, proposal, now):
        raise ProposalError(_("This proposal can no longer be edited."))
    max_bytes = settings.TORI_ATTACHMENT_MAX_BYTES
    if upload.size > max_bytes:
        raise ProposalError(
            _("The file is too large: at most %(mb)s MB.")
            % {"mb": round(max_bytes / (1024 * 1024), 1)}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    sniffed = sniff_content_type(head)
    if sniffed is None:
        raise ProposalError(
            _("Only PDF, PNG and JPEG files can be attached; this file is none of them.")
        )
    content_type, extension = sniffed
    with transaction.atomic():
        Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
        limit = settings.TORI_ATTACHMENTS_PER_PROPOSAL
        if ProposalAttachment.objects.filter(proposal=proposal).count() >= limit:
            raise ProposalError(
                ngettext(
                    "A proposal can have at most %(n)s attachment.",
                    "A proposal can have at most %(n)s attachments.",
                    limit,
                )
                % {"n": limit}
            )
        attachment = ProposalAttachment(
            proposal=proposal,
            original_name=clean_filename(upload.name, extension),
            content_type=content_type,
            size=upload.size,
            uploaded_by=by,
        )
        attachment.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
        attachment.save()
    return attachment


def attachment_delete(*, attachment: ProposalAttachment, by: User, now=None) -> None:
    if not rules.can_edit_proposal(by, attachment.proposal, now):
        raise ProposalError(_("This proposal can no longer be edited."))
    name = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- team ----------------------------------------------------------------------------------


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


__all__ = [
    "ProposalError",
    "StaleVersion",
    "TransitionError",
    "attachment_add",
    "attachment_delete",
    "clean_filename",
    "invitation_accept",
    "invitation_by_token",
    "invitation_create",
    "invitation_decline",
    "invitation_organisations",
    "invitation_revoke",
    "proposal_start",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
    "sniff_content_type",
    "staff_change_status",
    "team_leave",
    "team_member_remove",
    "team_users",
]
