"""Writes for evaluation: assignments, reviews, conflicts of interest and staff decisions.

Every function is keyword-only, asks the rules and raises `ReviewError` (a message for the
user) when it refuses. The team hears about decisions through `ideas.signals.status_changed`,
sent by `change_status` after commit (see docs/evaluation.md, "Notifications").
"""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners import rules as partner_rules

from ..models import (
    CriterionScore,
    EvaluatorAssignment,
    Proposal,
    ProposalStatus,
    Review,
    StatusChange,
)
from ..rules import reviews as rules
from .workflow import TransitionError, allowed_moves, announce_changes, change_status


class ReviewError(Exception):
    """A refused evaluation action; `message` is shown to the user."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


AUTO_CONFLICT_REASON = _(
    "Detected automatically: you are on this proposal's team or a member of one of its organisations."
)


# --- Assignments --------------------------------------------------------------------------


def evaluator_assign(*, challenge, evaluator) -> EvaluatorAssignment:
    """Assign an Evaluators-group member to a challenge (idempotent)."""
    if not partner_rules.is_evaluator(evaluator):
        raise ReviewError(
            _("Only members of the Evaluators group can be assigned."), field="evaluator"
        )
    with transaction.atomic():
        assignment, _created = EvaluatorAssignment.objects.get_or_create(
            challenge=challenge, evaluator=evaluator
        )
    return assignment


# --- Conflicts of interest ----------------------------------------------------------------


def _require_workspace(evaluator, proposal) -> None:
    if not rules.can_open_in_workspace(evaluator, proposal):
        raise ReviewError(
            _("You cannot review this proposal: it is not open to you for evaluation.")
        )


def conflict_declare(*, evaluator, proposal: Proposal, reason: str) -> Review:
    """Declare a conflict of interest: an evaluator may, on a proposal open to them in the
    workspace, once. Any scores already given are removed; the declaration is final for the
    evaluator (staff can remove it in the admin)."""
    _require_workspace(evaluator, proposal)
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("Say briefly why you have a conflict of interest."), field="reason")
    with transaction.atomic():
        review, _created = Review.objects.select_for_update().get_or_create(
            proposal=proposal, evaluator=evaluator
        )
        if rules.has_declared_conflict(evaluator, proposal, review):
            raise ReviewError(
                _("You have already declared a conflict of interest on this proposal.")
            )
        review.conflict_of_interest = True
        review.conflict_reason = reason
        review.comment = ""
        review.comment_for_team = ""
        review.submitted_at = review.submitted_at or timezone.now()
        review.save()
        CriterionScore.objects.filter(review=review).delete()
    return review


def conflict_detect(*, evaluator, proposal: Proposal) -> Review | None:
    """Record the conflict that memberships show, unless it is already declared.

    Returns the conflict review, or None when memberships show no conflict."""
    if not rules.has_membership_conflict(evaluator, proposal):
        return None
    existing = Review.objects.filter(proposal=proposal, evaluator=evaluator).first()
    if existing is not None and rules.has_declared_conflict(evaluator, proposal, existing):
        return existing
    return conflict_declare(
        evaluator=evaluator, proposal=proposal, reason=str(AUTO_CONFLICT_REASON)
    )


def conflicts_record_detected(*, evaluator, challenge) -> list[Review]:
    """Pre-declare the conflicts memberships show on a challenge's proposals (idempotent).

    One query when there is nothing to record. The rules refuse scoring on a detected conflict
    whether or not it is recorded; recording it makes it visible to staff."""
    if not rules.can_use_workspace(evaluator, challenge):
        return []
    pending = (
        Proposal.objects.filter(challenge=challenge, status__in=rules.REVIEWABLE_STATUSES)
        .annotate(team_conflict=rules.membership_conflict_exists(evaluator))
        .filter(team_conflict=True)
        .exclude(
            Exists(
                Review.objects.filter(
                    proposal=OuterRef("pk"), evaluator=evaluator, conflict_of_interest=True
                )
            )
        )
    )
    recorded = []
    for proposal in pending:
        proposal.challenge = challenge
        recorded.append(
            conflict_declare(
                evaluator=evaluator, proposal=proposal, reason=str(AUTO_CONFLICT_REASON)
            )
        )
    return recorded


# --- Reviews ------------------------------------------------------------------------------


def review_save(
    *,
    evaluator,
    proposal: Proposal,
    scores: dict,
    comment: str = "",
    comment_for_team: str = "",
    submit: bool = False,
) -> Review:
    """Save an evaluator's review: `scores` maps criterion id → 1..5 or None (not scored yet).

    `comment` stays with the evaluators and staff; `comment_for_team` is shown to the team,
    without the evaluator's name, once the decisions are published.

    A draft may leave criteria unscored; submitting needs every criterion scored. A submitted
    review stays submitted: it can be changed until the evaluation ends, every change must be
    complete, and the first submission time is kept."""
    _require_workspace(evaluator, proposal)
    if rules.has_membership_conflict(evaluator, proposal):
        conflict_detect(evaluator=evaluator, proposal=proposal)
        raise ReviewError(
            _("You have a conflict of interest with this proposal and cannot score it.")
        )
    criteria = {c.pk: c for c in proposal.challenge.criteria.all()}
    unknown = set(scores) - set(criteria)
    if unknown:
        raise ReviewError(_("A score was given for a criterion of another challenge."))
    for criterion_id, value in scores.items():
        if value is not None and not (1 <= int(value) <= 5):
            raise ReviewError(_("Scores go from 1 to 5."), field=f"criterion_{criterion_id}")
    with transaction.atomic():
        review, _created = Review.objects.select_for_update().get_or_create(
            proposal=proposal, evaluator=evaluator
        )
        if rules.has_declared_conflict(evaluator, proposal, review):
            raise ReviewError(
                _("You declared a conflict of interest with this proposal and cannot score it.")
            )
        finishing = submit or review.is_submitted
        if finishing:
            missing = [c for pk, c in criteria.items() if scores.get(pk) is None]
            if missing:
                raise ReviewError(
                    _("Score every criterion before submitting: %(names)s.")
                    % {"names": ", ".join(c.name for c in missing)},
                    field=f"criterion_{missing[0].pk}",
                )
        review.comment = (comment or "").strip()
        review.comment_for_team = (comment_for_team or "").strip()
        if finishing and review.submitted_at is None:
            review.submitted_at = timezone.now()
        review.save()
        CriterionScore.objects.filter(review=review).exclude(
            criterion_id__in=[pk for pk, value in scores.items() if value is not None]
        ).delete()
        for criterion_id, value in scores.items():
            if value is not None:
                CriterionScore.objects.update_or_create(
                    review=review, criterion_id=criterion_id, defaults={"score": int(value)}
                )
    return review


# --- Decisions ----------------------------------------------------------------------------


def decide(
    *, proposals, to_status: str, by, reason: str, public_reason: str = ""
) -> list[StatusChange]:
    """Shortlist, select or decline one or more proposals with one reason, all or nothing.

    Each move goes through `change_status`, which records it and tells the team after commit."""
    if not rules.can_decide(by):
        raise ReviewError(_("Only staff decide on proposals."))
    if to_status not in rules.DECISION_STATUSES:
        raise ReviewError(_("Choose shortlisted, selected or declined."), field="status")
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("Give a reason for the decision."), field="reason")
    proposals = list(proposals)
    if not proposals:
        raise ReviewError(_("Choose at least one proposal."), field="proposals")
    refused = [p for p in proposals if to_status not in allowed_moves(p.status)]
    if refused:
        raise ReviewError(
            _("These proposals cannot become %(status)s: %(titles)s. Nothing was changed.")
            % {
                "status": ProposalStatus(to_status).label,
                "titles": ", ".join(
                    f"{p.title} ({ProposalStatus(p.status).label})" for p in refused
                ),
            },
            field="proposals",
        )
    changes = []
    try:
        with transaction.atomic():
            for proposal in proposals:
                changes.append(
                    change_status(
                        proposal=proposal,
                        to_status=to_status,
                        by=by,
                        reason=reason,
                        public_reason=public_reason,
                        announce=False,
                    )
                )
            announce_changes(changes)
    except TransitionError as error:  # a concurrent change got there first
        raise ReviewError(error.message) from error
    return changes
