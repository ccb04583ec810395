import io

import pytest

from ideas.demo import reviews as demo
from ideas.models import EvaluatorAssignment, Review
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.reviews import make_evaluator

pytestmark = pytest.mark.django_db


def test_demo_does_nothing_without_evaluators_or_a_challenge_in_evaluation():
    make_challenge(phase="evaluation")
    demo.seed(stdout=io.StringIO())
    make_evaluator()
    demo.seed(stdout=io.StringIO())
    assert not EvaluatorAssignment.objects.exists()


def test_demo_builds_reviews_drafts_and_a_conflict_idempotently():
    make_challenge(phase="voting", title="Not yet")
    challenge = make_challenge(phase="evaluation", title="In evaluation")
    for _ in range(4):
        ProposalFactory(challenge=challenge)
    ProposalFactory(challenge=challenge, status="draft")
    demo_evaluator = make_evaluator(email="evaluator@example.org")
    make_evaluator()

    demo.seed(stdout=io.StringIO())
    snapshot = sorted(
        Review.objects.values_list(
            "evaluator", "proposal", "conflict_of_interest", "submitted_at", "comment"
        )
    )
    demo.seed(stdout=io.StringIO())

    assert EvaluatorAssignment.objects.filter(challenge=challenge).count() == 2
    mine = Review.objects.filter(evaluator=demo_evaluator)
    assert mine.filter(conflict_of_interest=True).count() == 1
    assert mine.filter(conflict_of_interest=False, submitted_at__isnull=False).count() == 2
    assert mine.filter(submitted_at__isnull=True).count() == 1
    assert (
        Review.objects.exclude(evaluator=demo_evaluator).filter(submitted_at__isnull=False).count()
        == 4
    )
    assert not Review.objects.filter(proposal__status="draft").exists()
    assert snapshot == sorted(
        Review.objects.values_list(
            "evaluator", "proposal", "conflict_of_interest", "submitted_at", "comment"
        )
    )
