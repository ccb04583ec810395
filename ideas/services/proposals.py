"""Writes about proposals: starting, saving (with revisions and stale-version refusal),
submitting, withdrawing; attachments and the team have modules of their own.

Every function is keyword-only and atomic; e-mail and notifications go out after commit.
The functions enforce the domain rules themselves (phase, status, team) so that views, the
demo and tests obey the same rules; views ask `ideas.rules` first to show a clear message.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import CustomerGroup
from partners import notices as following
from partners import signals as partner_signals
from partners.channels import Channel
from partners.models import Organisation, User
from partners.translated import clean_translations, replace_translated

from .. import rules
from ..models import (
    Proposal,
    ProposalRevision,
    ProposalStatus,
    TeamMember,
)
from ..rules import confidential as confidential_rules
from ..selectors.proposals import default_locale_challenge
from .workflow import change_status


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
    confidential_pricing: str = "",
    confidential_details: str = "",
    channel: str = Channel.WEB,
    entered_by: User | None = None,
    entry_consent: bool = False,
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
            confidential_pricing=confidential_pricing,
            confidential_details=confidential_details,
            language=language,
            translations=clean_translations(
                translations, fields=Proposal.translated_fields, original=language
            ),
            lead_organisation=organisation,
            created_by=user,
            status=ProposalStatus.DRAFT,
            version=1,
            channel=channel,
            entered_by=entered_by,
            entry_consent=entry_consent,
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
        following.follow_automatically(user, proposal)
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
    confidential_pricing: str | None = None,
    confidential_details: str | None = None,
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
        if confidential_pricing is not None:
            fields["confidential_pricing"] = confidential_pricing
        if confidential_details is not None:
            fields["confidential_details"] = confidential_details
        if language:
            fields["language"] = language
        if translations is not None:
            # The text form edits the title's and summary's translations; the cover's
            # alternative text keeps its own (ideas.services.covers).
            translations = replace_translated(
                proposal.translations, translations, fields=TEXT_TRANSLATED_FIELDS
            )
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


TEXT_TRANSLATED_FIELDS = ("title", "summary")


def proposal_submit(
    *,
    proposal: Proposal,
    by: User,
    publication_consent: bool,
    accept_terms: bool = False,
    terms_version: int | None = None,
    now=None,
) -> Proposal:
    """Submit a draft. Consent to publication is required when the challenge publishes
    proposals, and accepting the challenge's current terms when it has any (recorded: who,
    when, which version). The confidential parts are never published with the rest."""
    if not rules.can_submit(by, proposal, now):
        raise ProposalError(_("Only the team can submit a draft, and only before proposals close."))
    if proposal.challenge.proposals_public and not publication_consent:
        raise ProposalError(
            _("This challenge publishes proposals: give your consent to publication to submit.")
        )
    terms = confidential_rules.current_terms(proposal.challenge)
    if terms is not None and not accept_terms:
        raise ProposalError(_("Accept the challenge's terms to submit."))
    with transaction.atomic():
        if terms is not None:
            from .terms import accept_for_team

            accept_for_team(proposal=proposal, by=by, version=terms_version)
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


def staff_change_status(
    *, proposal: Proposal, by: User, to_status: str, reason: str, public_reason: str = ""
):
    """A staff decision (shortlist, select, decline) with its reason, and a public one."""
    if not rules.proposals.can_change_status(by, proposal):
        raise ProposalError(_("Only staff change a proposal's status."))
    if not (reason or "").strip():
        raise ProposalError(_("Give a reason for the change; the team will see it."))
    return change_status(
        proposal=proposal,
        to_status=to_status,
        by=by,
        reason=reason.strip(),
        public_reason=public_reason,
    )
