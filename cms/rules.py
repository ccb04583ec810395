"""What a challenge's phase allows. One predicate per rule; ideas and the pages ask these."""

from datetime import datetime

from django.utils import timezone

from partners import rules as partner_rules

from .phases import Phase


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def accepts_proposals(challenge, now: datetime | None = None) -> bool:
    """Organisations (and individuals, where allowed) submit only in the proposals phase."""
    return challenge.phase_at(_now(now)) == Phase.PROPOSALS


def accepts_individual_ideas(challenge, now: datetime | None = None) -> bool:
    return challenge.individuals_may_submit and accepts_proposals(challenge, now)


def accepts_votes(challenge, now: datetime | None = None) -> bool:
    """Votes count from the moment voting opens until it closes."""
    now = _now(now)
    return (
        challenge.phase_at(now) == Phase.VOTING
        and challenge.voting_open is not None
        and challenge.voting_open <= now
    )


def can_state_customer_groups(user) -> bool:
    """Say which customer groups one belongs to (one's own statement): any signed-in person."""
    return partner_rules.is_signed_in(user)


def can_remove_customer_groups(user) -> bool:
    """Remove all of one's own customer-group statements at any time: any signed-in person."""
    return partner_rules.is_signed_in(user)
