"""Scores back to the team: what a proposal's team reads once the decisions are published.

Built from the same ranking staff see (`ideas.selectors.reviews.ranking`), so the means and
the rank band are the ones staff decided on. Nothing here identifies an evaluator: the
comments for the team come without names, sorted by their text. Callers ask
`ideas.rules.reviews.can_see_own_scores` first. A constant number of queries, whatever the
number of proposals, reviews or criteria.
"""

from dataclasses import dataclass
from decimal import Decimal

from ..models import Review
from .reviews import challenge_criteria, ranking

# With fewer ranked proposals a band would say too little (or give away others' places).
MIN_RANKED_FOR_BAND = 4
BANDS = 4


@dataclass
class CriterionMean:
    name: str
    mean: Decimal | None


@dataclass
class TeamScores:
    criteria: list  # CriterionMean in the challenge's criteria order
    overall: Decimal | None  # the weighted mean, 1–5
    review_count: int
    ranked_count: int  # proposals in the ranking
    band: int | None  # 1 = top quarter … 4 = bottom quarter; None with too few proposals
    comments: list  # the evaluators' comments for the team, sorted by text

    @property
    def has_band(self) -> bool:
        return self.band is not None


def rank_band(rank: int, ranked_count: int) -> int | None:
    """The quarter a rank falls in: 1 when rank ≤ n/4, … 4 for the last quarter.

    Equal scores share a rank, so they share a band. None below `MIN_RANKED_FOR_BAND`."""
    if ranked_count < MIN_RANKED_FOR_BAND or rank < 1:
        return None
    return min(BANDS, -(-rank * BANDS // ranked_count))  # ceil(rank · 4 / n)


def team_comments(*, proposal) -> list[str]:
    """The comments for the team from submitted reviews without a conflict, by their text."""
    texts = (
        Review.objects.filter(
            proposal=proposal, submitted_at__isnull=False, conflict_of_interest=False
        )
        .exclude(comment_for_team="")
        .values_list("comment_for_team", flat=True)
    )
    return sorted(texts, key=lambda text: (text.casefold(), text))


def team_scores(*, proposal) -> TeamScores:
    """The proposal's criterion means, overall mean, rank band and comments for the team."""
    challenge = proposal.challenge
    criteria = challenge_criteria(challenge=challenge)
    rows = ranking(challenge=challenge, criteria=criteria)
    row = next((row for row in rows if row.proposal.pk == proposal.pk), None)
    means = row.criterion_list if row else [None] * len(criteria)
    return TeamScores(
        criteria=[
            CriterionMean(name=criterion.name, mean=mean)
            for criterion, mean in zip(criteria, means, strict=True)
        ],
        overall=row.weighted_mean if row else None,
        review_count=row.review_count if row else 0,
        ranked_count=len(rows),
        band=rank_band(row.rank, len(rows)) if row else None,
        comments=team_comments(proposal=proposal),
    )
