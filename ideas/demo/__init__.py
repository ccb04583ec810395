"""Demo proposals, comments, votes and reviews, built through the services."""

from . import answers, assisted, partnering, proposals, reviews, scores, terms, votes


def seed(*, stdout) -> None:
    terms.seed(stdout=stdout)
    proposals.seed(stdout=stdout)
    votes.seed(stdout=stdout)
    reviews.seed(stdout=stdout)
    scores.seed(stdout=stdout)
    # After the scores: those give the evaluators of the challenges past evaluation.
    terms.seed_evaluators(stdout=stdout)
    answers.seed(stdout=stdout)
    partnering.seed(stdout=stdout)
    assisted.seed(stdout=stdout)
