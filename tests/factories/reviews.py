"""Evaluation helpers for tests: evaluators, staff and reviews written straight to the database."""

from django.utils import timezone

from ideas.models import CriterionScore, EvaluatorAssignment, Review

from .partners import UserFactory


def make_evaluator(challenge=None, **kwargs):
    """A member of the Evaluators group, assigned to `challenge` when given."""
    user = UserFactory(groups=["Evaluators"], **kwargs)
    if challenge is not None:
        EvaluatorAssignment.objects.create(challenge=challenge, evaluator=user)
    return user


def make_staff(**kwargs):
    kwargs.setdefault("is_staff", True)
    return UserFactory(groups=["Editors"], **kwargs)


def make_review(
    *, proposal, evaluator=None, scores=None, submitted=True, conflict=False, comment=""
):
    """A review; `scores` maps criterion name → 1..5."""
    evaluator = evaluator or make_evaluator(proposal.challenge)
    review = Review.objects.create(
        proposal=proposal,
        evaluator=evaluator,
        comment=comment,
        conflict_of_interest=conflict,
        conflict_reason="Conflict" if conflict else "",
        submitted_at=timezone.now() if submitted else None,
    )
    criteria = {c.name: c for c in proposal.challenge.criteria.all()}
    for name, value in (scores or {}).items():
        CriterionScore.objects.create(review=review, criterion=criteria[name], score=value)
    return review
