"""The ranking arithmetic: weights, unscored criteria, no reviews, conflicts and drafts."""

from decimal import Decimal

import pytest

from ideas.selectors.reviews import (
    blended_score,
    jury_score,
    ranking,
    sort_rows,
    votes_score,
    weighted_mean,
)
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.reviews import make_review

D = Decimal


def test_weighted_mean_uses_the_weights():
    assert weighted_mean({1: D(5), 2: D(2)}, {1: D(2), 2: D(1)}) == D(4)


def test_a_criterion_nobody_scored_is_left_out_and_weights_renormalised():
    assert weighted_mean({1: D(3), 2: None}, {1: D(2), 2: D(1)}) == D(3)


def test_no_scores_give_no_mean_and_a_zero_jury_score():
    assert weighted_mean({1: None, 2: None}, {1: D(2), 2: D(1)}) is None
    assert jury_score(None) == 0


def test_jury_score_scales_the_1_to_5_range_to_0_to_1():
    assert jury_score(D(1)) == 0
    assert jury_score(D(3)) == D("0.5")
    assert jury_score(D(5)) == 1


def test_votes_are_scaled_by_the_challenges_maximum():
    assert votes_score(5, 20) == D("0.25")
    assert votes_score(0, 0) == 0


def test_blend_by_the_resident_vote_weight():
    assert blended_score(D("0.5"), D("1"), D("0.30")) == D("0.65")
    assert blended_score(D("0.5"), D("1"), D("0")) == D("0.5")
    assert blended_score(D("0.5"), D("1"), D("1")) == D("1")


@pytest.mark.django_db
def test_ranking_blends_jury_and_votes():
    challenge = make_challenge(
        phase="evaluation",
        criteria=(("Impact", 2), ("Feasibility", 1)),
        resident_vote_weight=D("0.40"),
    )
    strong = ProposalFactory(challenge=challenge, title="Strong", vote_count=10)
    weak = ProposalFactory(challenge=challenge, title="Weak", vote_count=40)
    # Strong: Impact mean (5+3)/2 = 4, Feasibility mean 2 → weighted (2·4 + 1·2)/3 = 10/3.
    make_review(proposal=strong, scores={"Impact": 5, "Feasibility": 2})
    make_review(proposal=strong, scores={"Impact": 3, "Feasibility": 2})
    # Weak: all ones → jury 0.
    make_review(proposal=weak, scores={"Impact": 1, "Feasibility": 1})

    rows = {row.proposal.title: row for row in ranking(challenge=challenge)}

    strong_row = rows["Strong"]
    impact, feasibility = challenge.criteria.order_by("sort_order")
    assert strong_row.review_count == 2
    assert strong_row.criterion_means == {impact.pk: D(4), feasibility.pk: D(2)}
    assert strong_row.weighted_mean == D(10) / D(3)
    assert strong_row.jury == (D(10) / D(3) - 1) / 4
    assert strong_row.votes_scaled == D("0.25")
    assert strong_row.blended == D("0.6") * strong_row.jury + D("0.4") * D("0.25")
    weak_row = rows["Weak"]
    assert weak_row.jury == 0
    assert weak_row.votes_scaled == 1
    assert weak_row.blended == D("0.4")
    assert strong_row.rank == 1  # 0.6 · 0.5833 + 0.1 = 0.45 > 0.4
    assert weak_row.rank == 2


@pytest.mark.django_db
def test_ranking_leaves_out_an_unscored_criterion_in_submitted_reviews():
    challenge = make_challenge(phase="evaluation", criteria=(("Impact", 2), ("Feasibility", 1)))
    proposal = ProposalFactory(challenge=challenge)
    # A submitted review can only lack a score if a criterion was added after it was submitted.
    make_review(proposal=proposal, scores={"Impact": 4})
    (row,) = ranking(challenge=challenge)
    feasibility = challenge.criteria.get(name="Feasibility")
    assert row.criterion_means[feasibility.pk] is None
    assert row.weighted_mean == D(4)
    assert row.jury == D("0.75")


@pytest.mark.django_db
def test_conflicts_and_drafts_are_excluded():
    challenge = make_challenge(
        phase="evaluation", criteria=(("Impact", 1),), resident_vote_weight=D("0")
    )
    proposal = ProposalFactory(challenge=challenge)
    make_review(proposal=proposal, scores={"Impact": 3})
    make_review(proposal=proposal, scores={"Impact": 5}, submitted=False)  # draft
    make_review(proposal=proposal, scores={"Impact": 1}, conflict=True)  # conflict (stale scores)
    (row,) = ranking(challenge=challenge)
    assert row.review_count == 1
    assert row.weighted_mean == D(3)
    assert row.blended == D("0.5")


@pytest.mark.django_db
def test_no_reviews_yet_counts_as_a_zero_jury_score():
    challenge = make_challenge(
        phase="evaluation", criteria=(("Impact", 1),), resident_vote_weight=D("0.5")
    )
    reviewed = ProposalFactory(challenge=challenge, title="Reviewed", vote_count=0)
    ProposalFactory(challenge=challenge, title="Unreviewed", vote_count=4)
    make_review(proposal=reviewed, scores={"Impact": 2})
    rows = {row.proposal.title: row for row in ranking(challenge=challenge)}
    assert not rows["Unreviewed"].has_reviews
    assert rows["Unreviewed"].weighted_mean is None
    assert rows["Unreviewed"].jury == 0
    assert rows["Unreviewed"].blended == D("0.5")  # its votes only
    assert rows["Reviewed"].blended == D("0.125")
    assert [r.proposal.title for r in sorted(rows.values(), key=lambda r: r.rank)] == [
        "Unreviewed",
        "Reviewed",
    ]


@pytest.mark.django_db
def test_drafts_and_withdrawn_proposals_are_not_ranked_and_ties_share_a_rank():
    challenge = make_challenge(
        phase="evaluation", criteria=(("Impact", 1),), resident_vote_weight=D("0")
    )
    ProposalFactory(challenge=challenge, status="draft")
    ProposalFactory(challenge=challenge, status="withdrawn")
    a = ProposalFactory(challenge=challenge, title="A")
    b = ProposalFactory(challenge=challenge, title="B")
    c = ProposalFactory(challenge=challenge, title="C")
    make_review(proposal=a, scores={"Impact": 4})
    make_review(proposal=b, scores={"Impact": 4})
    make_review(proposal=c, scores={"Impact": 2})
    rows = ranking(challenge=challenge)
    assert [(r.proposal.title, r.rank) for r in rows] == [("A", 1), ("B", 1), ("C", 3)]


@pytest.mark.django_db
def test_rows_sort_by_any_column_with_missing_values_last():
    challenge = make_challenge(phase="evaluation", criteria=(("Impact", 1),))
    a = ProposalFactory(challenge=challenge, title="Alpha", vote_count=3)
    ProposalFactory(challenge=challenge, title="Beta", vote_count=9)
    make_review(proposal=a, scores={"Impact": 2})
    rows = ranking(challenge=challenge)
    impact = challenge.criteria.get()
    assert [r.proposal.title for r in sort_rows(rows, "-votes")] == ["Beta", "Alpha"]
    assert [r.proposal.title for r in sort_rows(rows, "title")] == ["Alpha", "Beta"]
    assert [r.proposal.title for r in sort_rows(rows, f"-criterion-{impact.pk}")] == [
        "Alpha",
        "Beta",
    ]
    assert [r.proposal.title for r in sort_rows(rows, "weighted")] == ["Alpha", "Beta"]
