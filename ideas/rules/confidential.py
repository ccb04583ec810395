"""Who sees a proposal's confidential parts (its pricing, its confidential details and the
attachments marked confidential), and who accepts a challenge's terms. One function per rule.

The confidential parts of a public proposal stay with its team, staff and the challenge's
assigned evaluators; an evaluator sees them only after accepting the challenge's current
terms (when it has any), never with a declared conflict of interest, and never in a draft or
a withdrawn proposal."""

from partners import rules as partner_rules

from ..models import ChallengeTerms, ProposalStatus, Review, TermsAcceptance
from .proposals import is_assigned_evaluator, is_team_member

HIDDEN_STATUSES = (ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN)


def current_terms(challenge) -> ChallengeTerms | None:
    """The challenge's latest terms version, looked up once per challenge object."""
    if not hasattr(challenge, "_tori_current_terms"):
        challenge._tori_current_terms = (
            ChallengeTerms.objects.filter(challenge_id=challenge.pk).order_by("-version").first()
        )
    return challenge._tori_current_terms


def has_accepted_current_terms_as_evaluator(user, challenge) -> bool:
    """True when the challenge has no terms, or the user accepted the latest version."""
    terms = current_terms(challenge)
    if terms is None:
        return True
    return TermsAcceptance.objects.filter(
        terms=terms, user=user, role=TermsAcceptance.Role.EVALUATOR
    ).exists()


def team_has_accepted_current_terms(proposal) -> bool:
    terms = current_terms(proposal.challenge)
    if terms is None:
        return True
    return TermsAcceptance.objects.filter(
        terms=terms, proposal=proposal, role=TermsAcceptance.Role.TEAM
    ).exists()


def _evaluator_may_see(user, proposal) -> bool:
    """An assigned evaluator of a submitted proposal without a declared conflict (terms aside).

    Worked out once per person for each proposal object, kept on it by the user's id: a page
    asks both whether the person sees the confidential parts and whether they must accept
    the terms first. A conflict declared later shows on the next read of the proposal."""
    if not hasattr(proposal, "_tori_evaluator_may_see"):
        proposal._tori_evaluator_may_see = {}
    answers = proposal._tori_evaluator_may_see
    if user.pk not in answers:
        answers[user.pk] = (
            proposal.status not in HIDDEN_STATUSES
            and is_assigned_evaluator(user, proposal.challenge)
            and not Review.objects.filter(
                proposal=proposal, evaluator=user, conflict_of_interest=True
            ).exists()
        )
    return answers[user.pk]


def can_view_confidential_parts(user, proposal) -> bool:
    """The team, staff, and assigned evaluators who accepted the current terms."""
    if not partner_rules.is_signed_in(user):
        return False
    if is_team_member(user, proposal) or partner_rules.is_staff_member(user):
        return True
    return _evaluator_may_see(user, proposal) and has_accepted_current_terms_as_evaluator(
        user, proposal.challenge
    )


def must_accept_terms_to_view_confidential(user, proposal) -> bool:
    """An assigned evaluator who would see the confidential parts once they accept the terms."""
    if not partner_rules.is_signed_in(user) or is_team_member(user, proposal):
        return False
    return _evaluator_may_see(user, proposal) and not has_accepted_current_terms_as_evaluator(
        user, proposal.challenge
    )


def can_accept_terms_as_evaluator(user, challenge) -> bool:
    return is_assigned_evaluator(user, challenge) and current_terms(challenge) is not None


def can_accept_terms_for_team(user, proposal) -> bool:
    """A verified team member accepts the current terms for the team, for a proposal that is
    still the team's to pursue (not withdrawn)."""
    return (
        partner_rules.is_verified(user)
        and is_team_member(user, proposal)
        and proposal.status != ProposalStatus.WITHDRAWN
        and current_terms(proposal.challenge) is not None
    )


def must_team_accept_again(proposal) -> bool:
    """A submitted proposal whose team has not accepted the challenge's current terms: the
    terms changed after the team submitted."""
    return proposal.status not in HIDDEN_STATUSES and not team_has_accepted_current_terms(proposal)


def can_download_attachment(user, proposal, attachment) -> bool:
    """Everyone who sees the proposal opens its public attachments; a confidential one is a
    confidential part."""
    if attachment.confidential:
        return can_view_confidential_parts(user, proposal)
    return True


def can_manage_terms(user) -> bool:
    """Write a challenge's terms and see who accepted them: staff."""
    return partner_rules.is_staff_member(user)
