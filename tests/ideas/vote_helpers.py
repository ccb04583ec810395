"""Shared builders for the vote tests (not a test module)."""

from datetime import timedelta

from django.utils import timezone

from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import UserFactory


def voting_challenge(**fields):
    fields.setdefault("votes_per_resident", 3)
    return make_challenge(phase="voting", **fields)


def upcoming_voting_challenge(**fields):
    """In the voting phase, but votes open tomorrow."""
    return make_challenge(phase="voting", voting_open=timezone.now() + timedelta(days=1), **fields)


def proposals(challenge, n, **fields):
    return [ProposalFactory(challenge=challenge, **fields) for _ in range(n)]


def resident(**fields):
    return UserFactory(**fields)
