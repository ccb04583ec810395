"""Demo votes: residents vote on the public proposals of challenges in their voting phase.

Built through the vote service, so every rule holds (voting window, limit, own team).
Idempotent: a vote already cast is answered "already voted" and changes nothing."""

from cms.models import ChallengePage
from partners.demo import demo_residents

from ..models import Proposal
from ..rules.votes import is_voting_open
from ..services.votes import VoteRefused, vote_cast

DEMO_VOTERS = 8


def _demo_voters():
    """The first demo residents; the resident account is left free to try voting."""
    return demo_residents()[:DEMO_VOTERS]


def seed(*, stdout) -> None:
    """Votes on public proposals of challenges whose voting is open; nothing if there are none."""
    challenges = [
        c
        for c in ChallengePage.objects.live().specific()
        if c.phase == "voting" and is_voting_open(c)
    ]
    if not challenges:
        stdout.write("  votes: no challenge is open for voting; skipped")
        return
    voters = None
    cast = 0
    for challenge in challenges:
        proposals = list(
            Proposal.objects.public()
            .filter(challenge=challenge)
            .select_related("challenge")
            .order_by("pk")
        )
        if not proposals:
            continue
        voters = voters or _demo_voters()
        for index, voter in enumerate(voters):
            # A varied, deterministic pattern: voter i votes for proposals i, i+1, … up to the limit.
            wanted = challenge.votes_per_resident or len(proposals)
            picks = [
                proposals[(index + k) % len(proposals)] for k in range(min(wanted, len(proposals)))
            ]
            for proposal in picks[: max(1, len(picks) - index % 2)]:
                try:
                    if vote_cast(user=voter, proposal=proposal).value == "cast":
                        cast += 1
                except VoteRefused:
                    continue
    stdout.write(f"  votes: {cast} new demo votes")
