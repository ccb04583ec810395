"""Writes about a challenge's terms: a new version, and its acceptance by a team (when it
submits, or again after a change) or by an evaluator (before seeing confidential parts).

A version is never rewritten once someone accepted it: a change is a new version, which asks
the teams of the challenge's submitted proposals to accept again (an in-app notice and an
e-mail as each person chose)."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from partners import notifications
from partners.translated import clean_translations

from ..models import ChallengeTerms, Proposal, ProposalStatus, TermsAcceptance
from ..rules import confidential as confidential_rules
from ..selectors.proposals import default_locale_challenge, team_users
from .proposals import ProposalError


def terms_publish(
    *, challenge, by, body: str, change_note: str = "", language="fi", translations=None
) -> ChallengeTerms:
    """Add the next version of the challenge's terms and tell the teams that must accept it."""
    if not confidential_rules.can_manage_terms(by):
        raise ProposalError(_("Only staff set a challenge's terms."))
    challenge = default_locale_challenge(challenge)
    with transaction.atomic():
        latest = (
            ChallengeTerms.objects.select_for_update()
            .filter(challenge=challenge)
            .aggregate(latest=Max("version"))["latest"]
        )
        terms = ChallengeTerms.objects.create(
            challenge=challenge,
            version=(latest or 0) + 1,
            body=body,
            change_note=change_note.strip(),
            language=language,
            translations=clean_translations(
                translations, fields=ChallengeTerms.translated_fields, original=language
            ),
            created_by=by,
        )
        challenge._tori_current_terms = terms
        if latest:
            _ask_teams_to_accept_again(terms)
    return terms


def terms_update(*, terms: ChallengeTerms, by, body: str, change_note: str = "", **texts):
    """Correct a version nobody has accepted yet; an accepted one is refused."""
    if not confidential_rules.can_manage_terms(by):
        raise ProposalError(_("Only staff set a challenge's terms."))
    if terms.acceptances.exists():
        raise ProposalError(
            _("Someone has already accepted this version: add a new version instead.")
        )
    terms.body, terms.change_note = body, change_note.strip()
    for name, value in texts.items():
        setattr(terms, name, value)
    terms.save()
    return terms


def _ask_teams_to_accept_again(terms: ChallengeTerms) -> None:
    proposals = Proposal.objects.filter(challenge_id=terms.challenge_id).exclude(
        status__in=(ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN)
    )
    for proposal in proposals:
        for user in team_users(proposal):
            notifications.notify(
                recipient=user,
                kind=notifications.Kind.UPDATE,
                subject=_("The terms of “%(challenge)s” have changed"),
                body=_(
                    "Version %(version)s of the challenge's intellectual property and "
                    "confidentiality terms is in force. Read it and accept it for your team "
                    "on the proposal “%(proposal)s”. %(note)s"
                ),
                params={
                    "challenge": terms.challenge.title,
                    "version": terms.version,
                    "proposal": proposal.title,
                    "note": terms.change_note,
                },
                url=proposal.get_absolute_url(),
            )


def _accept(**fields) -> TermsAcceptance:
    user = fields["user"]
    try:
        with transaction.atomic():
            return TermsAcceptance.objects.create(
                user_name=f"{user.display_name or user.email} <{user.email}>", **fields
            )
    except IntegrityError:  # accepted already (a double click, another team member)
        lookup = {k: v for k, v in fields.items() if k != "user"}
        if fields["role"] == TermsAcceptance.Role.EVALUATOR:
            lookup["user"] = user
        return TermsAcceptance.objects.get(**lookup)


def accept_for_team(*, proposal: Proposal, by, version: int | None = None) -> TermsAcceptance:
    """Record that `by` accepted the challenge's current terms for the proposal's team.
    `version` is the version the person read; a newer one in the meantime is refused."""
    if not confidential_rules.can_accept_terms_for_team(by, proposal):
        raise ProposalError(_("Only the team accepts the terms for its proposal."))
    terms = confidential_rules.current_terms(proposal.challenge)
    if version is not None and terms.version != version:
        raise ProposalError(_("The terms changed while you were reading them: read them again."))
    return _accept(terms=terms, role=TermsAcceptance.Role.TEAM, proposal=proposal, user=by)


def accept_as_evaluator(*, challenge, by, version: int | None = None) -> TermsAcceptance:
    if not confidential_rules.can_accept_terms_as_evaluator(by, challenge):
        raise ProposalError(_("Only the challenge's evaluators accept its terms here."))
    terms = confidential_rules.current_terms(challenge)
    if version is not None and terms.version != version:
        raise ProposalError(_("The terms changed while you were reading them: read them again."))
    return _accept(terms=terms, role=TermsAcceptance.Role.EVALUATOR, proposal=None, user=by)
