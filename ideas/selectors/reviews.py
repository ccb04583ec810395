"""Reads for evaluation: the evaluator's workspace, the staff ranking and the public results.

The ranking arithmetic (see docs/evaluation.md) is in plain functions so tests can check it:

- criterion mean = mean of the 1–5 scores given to that criterion in submitted reviews
  (drafts and declared conflicts of interest are left out);
- weighted mean = Σ(weight · criterion mean) / Σ(weight), over the criteria that have a
  mean: a criterion nobody scored is left out and the weights of the others renormalised;
- jury = (weighted mean − 1) / 4, from 0 (all ones) to 1 (all fives); 0 with no reviews yet;
- votes = vote_count / the highest vote_count among the ranked proposals (0 when that is 0);
- blended = (1 − w) · jury + w · votes, w = the challenge's resident vote weight;
- rank: by blended score, highest first; equal scores share a rank (1, 2, 2, 4).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)

from cms.localize import localized
from cms.models import ChallengePage, EvaluationCriterion

from ..models import (
    CriterionScore,
    EvaluatorAssignment,
    Proposal,
    ProposalStatus,
    Review,
    ReviewState,
    StatusChange,
)
from ..rules.reviews import DECISION_STATUSES, REVIEWABLE_STATUSES, membership_conflict_exists

ZERO = Decimal(0)
ONE = Decimal(1)
SCALE = Decimal(4)  # the width of the 1–5 range

# --- The arithmetic -----------------------------------------------------------------------


def weighted_mean(means: dict, weights: dict) -> Decimal | None:
    """Σ(weight · mean) / Σ(weight) over the criteria with a mean; None when none has one."""
    scored = [(Decimal(weights[key]), mean) for key, mean in means.items() if mean is not None]
    total_weight = sum((weight for weight, _ in scored), ZERO)
    if not scored or total_weight <= 0:
        return None
    return sum((weight * mean for weight, mean in scored), ZERO) / total_weight


def jury_score(mean: Decimal | None) -> Decimal:
    """A 1–5 weighted mean scaled to 0..1; 0 when there is no score yet."""
    if mean is None:
        return ZERO
    return (mean - ONE) / SCALE


def votes_score(votes: int, max_votes: int) -> Decimal:
    if max_votes <= 0:
        return ZERO
    return Decimal(votes) / Decimal(max_votes)


def blended_score(jury: Decimal, votes: Decimal, weight) -> Decimal:
    weight = Decimal(weight)
    return (ONE - weight) * jury + weight * votes


@dataclass
class RankingRow:
    proposal: Proposal
    review_count: int
    criterion_means: dict  # criterion id → Decimal mean (1–5) or None when nobody scored it
    weighted_mean: Decimal | None
    jury: Decimal
    votes: int
    votes_scaled: Decimal
    blended: Decimal
    rank: int = 0
    criterion_list: list = field(default_factory=list)  # the means in criteria order, for templates

    @property
    def has_reviews(self) -> bool:
        return self.review_count > 0


def build_ranking(*, proposals, criteria, score_totals, vote_weight) -> list[RankingRow]:
    """Rows ranked by blended score.

    `proposals` carry `review_count` (submitted, without conflicts) and `vote_count`;
    `score_totals` maps (proposal id, criterion id) → (sum of scores, number of scores)."""
    weights = {criterion.pk: criterion.weight for criterion in criteria}
    max_votes = max((p.vote_count for p in proposals), default=0)
    rows = []
    for proposal in proposals:
        means = {}
        for criterion in criteria:
            total, count = score_totals.get((proposal.pk, criterion.pk), (0, 0))
            means[criterion.pk] = Decimal(total) / Decimal(count) if count else None
        mean = weighted_mean(means, weights)
        jury = jury_score(mean)
        votes_scaled = votes_score(proposal.vote_count, max_votes)
        rows.append(
            RankingRow(
                proposal=proposal,
                review_count=proposal.review_count,
                criterion_means=means,
                criterion_list=[means[c.pk] for c in criteria],
                weighted_mean=mean,
                jury=jury,
                votes=proposal.vote_count,
                votes_scaled=votes_scaled,
                blended=blended_score(jury, votes_scaled, vote_weight),
            )
        )
    rows.sort(key=lambda row: (-row.blended, row.proposal.title.casefold(), row.proposal.pk))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        if row.blended != previous:
            rank, previous = position, row.blended
        row.rank = rank
    return rows


# --- Sorting ------------------------------------------------------------------------------

SORT_KEYS = {
    "rank": lambda row: row.rank,
    "title": lambda row: row.proposal.title.casefold(),
    "status": lambda row: row.proposal.status,
    "reviews": lambda row: row.review_count,
    "weighted": lambda row: row.weighted_mean,
    "votes": lambda row: row.votes,
    "blended": lambda row: row.blended,
}


def sort_choices(criteria) -> list[str]:
    keys = [*SORT_KEYS, *(f"criterion-{c.pk}" for c in criteria)]
    return keys + [f"-{key}" for key in keys]


def sort_rows(rows: list[RankingRow], sort: str) -> list[RankingRow]:
    """Sort by a key from `sort_choices`; a leading '-' sorts descending. Missing values last."""
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    if name.startswith("criterion-"):
        criterion_id = int(name.removeprefix("criterion-"))

        def key(row):
            return row.criterion_means.get(criterion_id)
    else:
        key = SORT_KEYS[name]
    present = [row for row in rows if key(row) is not None]
    missing = [row for row in rows if key(row) is None]
    present.sort(key=lambda row: (key(row), row.rank), reverse=descending)
    return present + missing


# --- Queries ------------------------------------------------------------------------------


def challenge_criteria(*, challenge) -> list:
    """The challenge's criteria (scores attach to them), named as its translation in the
    active language names them: a translated page holds its criteria in the same order."""
    criteria = list(
        EvaluationCriterion.objects.filter(challenge=challenge).order_by("sort_order", "pk")
    )
    shown = localized(challenge)
    if shown.pk != challenge.pk:
        translated = list(
            EvaluationCriterion.objects.filter(challenge=shown).order_by("sort_order", "pk")
        )
        if len(translated) == len(criteria):
            for criterion, copy in zip(criteria, translated, strict=True):
                criterion.name, criterion.description = copy.name, copy.description
    return criteria


def counted_reviews() -> Q:
    """Reviews that count: submitted, without a conflict of interest."""
    return Q(reviews__submitted_at__isnull=False, reviews__conflict_of_interest=False)


def ranking(*, challenge, criteria=None) -> list[RankingRow]:
    """The challenge's submitted proposals ranked. Four queries, whatever the number of rows."""
    criteria = challenge_criteria(challenge=challenge) if criteria is None else criteria
    proposals = list(
        Proposal.objects.filter(challenge=challenge, status__in=REVIEWABLE_STATUSES)
        .select_related("lead_organisation")
        .annotate(
            review_count=Count("reviews", filter=counted_reviews(), distinct=True),
            conflict_count=Count(
                "reviews", filter=Q(reviews__conflict_of_interest=True), distinct=True
            ),
        )
        .order_by("pk")
    )
    for proposal in proposals:
        proposal.challenge = challenge  # spares a query per row for `is_public`
    totals = (
        CriterionScore.objects.filter(
            review__proposal__challenge=challenge,
            review__proposal__status__in=REVIEWABLE_STATUSES,
            review__submitted_at__isnull=False,
            review__conflict_of_interest=False,
        )
        .values("review__proposal_id", "criterion_id")
        .annotate(total=Sum("score"), count=Count("pk"))
        .order_by()
    )
    score_totals = {
        (item["review__proposal_id"], item["criterion_id"]): (item["total"], item["count"])
        for item in totals
    }
    return build_ranking(
        proposals=proposals,
        criteria=criteria,
        score_totals=score_totals,
        vote_weight=challenge.resident_vote_weight,
    )


def assigned_challenges(*, evaluator):
    """The challenges an evaluator is assigned to (any phase; views check the phase)."""
    return ChallengePage.objects.filter(evaluator_assignments__evaluator=evaluator).order_by(
        "evaluation_end"
    )


def workspace_proposals(*, challenge, evaluator):
    """The challenge's submitted proposals (confidential ones too, never drafts or withdrawn
    ones), each with `review_state` for this evaluator. One query for any number of rows."""
    mine = Review.objects.filter(proposal=OuterRef("pk"), evaluator=evaluator)
    return (
        Proposal.objects.filter(challenge=challenge, status__in=REVIEWABLE_STATUSES)
        .select_related("lead_organisation")
        .annotate(
            my_review_id=Subquery(mine.values("pk")[:1]),
            my_submitted_at=Subquery(mine.values("submitted_at")[:1]),
            my_conflict=Subquery(mine.values("conflict_of_interest")[:1]),
            team_conflict=membership_conflict_exists(evaluator),
        )
        .annotate(
            review_state=Case(
                When(team_conflict=True, then=Value(ReviewState.CONFLICT)),
                When(my_conflict=True, then=Value(ReviewState.CONFLICT)),
                When(my_submitted_at__isnull=False, then=Value(ReviewState.SUBMITTED)),
                When(my_review_id__isnull=False, then=Value(ReviewState.DRAFT)),
                default=Value(ReviewState.TODO),
                output_field=CharField(),
            ),
        )
        .order_by("title", "pk")
    )


def own_review(*, proposal, evaluator) -> Review | None:
    return (
        Review.objects.filter(proposal=proposal, evaluator=evaluator)
        .prefetch_related("scores")
        .first()
    )


def other_reviews(*, proposal, evaluator):
    """Other evaluators' submitted reviews (conflicts left out), with their scores."""
    return (
        Review.objects.filter(
            proposal=proposal, submitted_at__isnull=False, conflict_of_interest=False
        )
        .exclude(evaluator=evaluator)
        .select_related("evaluator")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=CriterionScore.objects.select_related("criterion").order_by(
                    "criterion__sort_order", "criterion_id"
                ),
            )
        )
        .order_by("submitted_at", "pk")
    )


def assignments(*, challenge):
    return EvaluatorAssignment.objects.filter(challenge=challenge).select_related("evaluator")


def latest_decision(*, proposal) -> StatusChange | None:
    """The last staff decision on a proposal (shortlisted, selected or declined)."""
    return (
        StatusChange.objects.filter(proposal=proposal, to_status__in=DECISION_STATUSES)
        .select_related("changed_by")
        .order_by("-created_at", "-pk")
        .first()
    )


@dataclass
class PublicResults:
    selected: list  # public selected proposals
    selected_confidential_count: int  # selected ones whose title is never shown
    shortlisted: list  # public shortlisted proposals

    @property
    def is_empty(self) -> bool:
        return not (self.selected or self.selected_confidential_count or self.shortlisted)


def public_results(*, challenge) -> PublicResults:
    """What the challenge page shows once the evaluation is over. Callers check the phase."""
    public = (
        Proposal.objects.public()
        .filter(challenge=challenge)
        .select_related("lead_organisation")
        .order_by("title", "pk")
    )
    selected = list(public.filter(status=ProposalStatus.SELECTED))
    shortlisted = list(public.filter(status=ProposalStatus.SHORTLISTED))
    selected_total = Proposal.objects.filter(
        challenge=challenge, status=ProposalStatus.SELECTED
    ).count()
    return PublicResults(
        selected=selected,
        selected_confidential_count=selected_total - len(selected),
        shortlisted=shortlisted,
    )
