"""Demo proposals, comments, votes and reviews, built through the services."""

from . import answers, proposals, reviews, scores, votes


def seed(*, stdout) -> None:
    proposals.seed(stdout=stdout)
    votes.seed(stdout=stdout)
    reviews.seed(stdout=stdout)
    scores.seed(stdout=stdout)
    answers.seed(stdout=stdout)
