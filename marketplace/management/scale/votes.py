"""Votes, their CAST events and the quotas, all from one plan so the counters agree."""

from ideas.models import Vote, VoteEvent, VoteQuota

from .bulk import Run
from .challenges import VOTES_PER_RESIDENT


def plan_votes(users: int, props_by_challenge: list[list[int]], wanted: int):
    """(user index, proposal index, challenge position) for up to `wanted` votes: each user
    votes at most VOTES_PER_RESIDENT distinct proposals in each challenge."""
    plan = []
    for j in range(VOTES_PER_RESIDENT):
        for u in range(users):
            for c, props in enumerate(props_by_challenge):
                if len(plan) >= wanted:
                    return plan
                if len(props) <= j:
                    continue
                plan.append((u, props[(u * 31 + c + j) % len(props)], c))
    return plan


def vote_counts(vote_plan, proposals: int) -> list[int]:
    counts = [0] * proposals
    for _user, proposal, _challenge in vote_plan:
        counts[proposal] += 1
    return counts


def add_votes(run: Run, vote_plan, *, voters: list, proposals: list, challenges: list) -> None:
    run.bulk(
        Vote,
        (
            Vote(user=voters[u], proposal=proposals[p], challenge_id=challenges[c].pk)
            for u, p, c in vote_plan
        ),
        label="votes",
    )
    run.bulk(
        VoteEvent,
        (
            VoteEvent(user=voters[u], proposal=proposals[p], action=VoteEvent.Action.CAST)
            for u, p, _c in vote_plan
        ),
        label="vote events",
    )
    used: dict = {}
    for u, _p, c in vote_plan:
        used[(u, c)] = used.get((u, c), 0) + 1
    run.bulk(
        VoteQuota,
        (
            VoteQuota(user=voters[u], challenge_id=challenges[c].pk, used=n)
            for (u, c), n in used.items()
        ),
        label="vote quotas",
    )
