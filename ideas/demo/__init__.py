"""Demo proposals, comments, votes and reviews, built through the services."""

from . import answers, partnering, proposals, reviews, votes


def seed(*, stdout) -> None:
    proposals.seed(stdout=stdout)
    votes.seed(stdout=stdout)
    reviews.seed(stdout=stdout)
    answers.seed(stdout=stdout)
    partnering.seed(stdout=stdout)
