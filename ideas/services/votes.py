"""Casting, withdrawing and voiding votes.

Integrity lives in the database:
- a unique constraint on (user, proposal): a second identical vote cannot exist;
- the per-challenge limit: every vote and withdrawal of a user in a challenge first locks
  that user's VoteQuota row (an upsert when casting, SELECT … FOR UPDATE when withdrawing),
  so their votes are serialised while other users' votes run in parallel; no table-wide lock;
- the denormalised Proposal.vote_count and VoteQuota.used change by relative UPDATEs in the same
  short transaction as the vote row; every change is appended to VoteEvent.
"""

import enum

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log

from partners import notices as following
from partners.channels import Channel

from ..models import Proposal, Vote, VoteEvent, VoteQuota
from ..rules.votes import (
    VoteDecision,
    quota_permission,
    vote_permission,
    votes_used,
    withdraw_permission,
)
from ..signals import vote_count_changed

VOTES_VOIDED_ACTION = "tori.votes_voided"


class VoteRefused(Exception):
    """A vote or withdrawal the rules refuse; `decision` carries the reason and message."""

    def __init__(self, decision: VoteDecision):
        super().__init__(decision.message)
        self.decision = decision


class Outcome(enum.Enum):
    CAST = "cast"
    ALREADY_VOTED = "already_voted"
    WITHDRAWN = "withdrawn"
    NOT_VOTED = "not_voted"


# The cast is the hot path of a voting campaign: its statements go through one cursor (table
# names from the models, every value a parameter), plus the catalogue's copy of the count.
QUOTA, VOTE, EVENT, PROPOSAL = (m._meta.db_table for m in (VoteQuota, Vote, VoteEvent, Proposal))
# 1. Take one vote from the user's quota in the challenge: insert the row (starting from the
#    user's votes already there) or add one to it, and answer the new usage. Either way the row
#    stays locked until the transaction ends (PostgreSQL takes an UPDATE's row lock; SQLite's
#    IMMEDIATE transaction holds the write lock), so one user's votes in a challenge are
#    serialised while other users' run in parallel. Over the limit, the transaction rolls back.
_QUOTA_TAKE = (
    f"INSERT INTO {QUOTA} (user_id, challenge_id, used) "  # noqa: S608
    "VALUES (%(user)s, %(challenge)s, 1 + "
    f"(SELECT COUNT(*) FROM {VOTE} WHERE user_id = %(user)s AND challenge_id = %(challenge)s)) "
    f"ON CONFLICT (user_id, challenge_id) DO UPDATE SET used = {QUOTA}.used + 1 "
    "RETURNING used"
)
# 2. The vote row; no row back means the unique (user, proposal) constraint found it there
#    (then the transaction rolls back, and the quota with it).
_VOTE_INSERT = (
    f"INSERT INTO {VOTE} (user_id, proposal_id, challenge_id, created_at, "  # noqa: S608
    "channel, entered_by_id, entry_consent) "
    "VALUES (%(user)s, %(proposal)s, %(challenge)s, %(now)s, "
    "%(channel)s, %(entered_by)s, %(entry_consent)s) "
    "ON CONFLICT (user_id, proposal_id) DO NOTHING RETURNING id"
)
# 3–4. The proposal's count and the event log.
_COUNT_UP = f"UPDATE {PROPOSAL} SET vote_count = vote_count + 1 WHERE id = %(proposal)s"  # noqa: S608
_EVENT_INSERT = (
    f"INSERT INTO {EVENT} (user_id, proposal_id, action, created_at) "  # noqa: S608
    "VALUES (%(user)s, %(proposal)s, %(action)s, %(now)s)"
)
# PostgreSQL runs the four as one statement (one round trip instead of four): the count and the
# event only when the vote row was inserted. The quota comes first, so the row lock is taken
# in the same order as above.
_CAST = (
    f"WITH quota AS ({_QUOTA_TAKE}), vote AS ({_VOTE_INSERT}), "  # noqa: S608
    f"counted AS (UPDATE {PROPOSAL} SET vote_count = vote_count + 1 "
    "WHERE id = %(proposal)s AND EXISTS (SELECT 1 FROM vote)), "
    f"logged AS (INSERT INTO {EVENT} (user_id, proposal_id, action, created_at) "
    "SELECT %(user)s, %(proposal)s, %(action)s, %(now)s FROM vote) "
    "SELECT (SELECT used FROM quota), (SELECT id FROM vote)"
)


def _take_vote(cursor, values: dict) -> tuple[int, int | None]:
    """(the user's quota usage with this vote, the new vote row's id or None if it was there)."""
    if connection.vendor == "postgresql":
        cursor.execute(_CAST, values)
        return cursor.fetchone()
    cursor.execute(_QUOTA_TAKE, values)
    (used,) = cursor.fetchone()
    cursor.execute(_VOTE_INSERT, values)
    row = cursor.fetchone()
    if row is None:
        return used, None
    cursor.execute(_COUNT_UP, values)
    cursor.execute(_EVENT_INSERT, values)
    return used, row[0]


class _AlreadyVoted(Exception):
    """Rolls the cast back: the vote was there."""


class _QuotaUsed(Exception):
    """Rolls the cast back: no vote left in the challenge."""


def vote_cast(
    *,
    user,
    proposal: Proposal,
    channel: str = Channel.WEB,
    entered_by=None,
    entry_consent: bool = False,
) -> Outcome:
    """Cast `user`'s vote for `proposal`. Idempotent: voting again answers ALREADY_VOTED.
    A vote staff enter on the person's behalf names its channel, the staff member and the
    consent (`ideas.services.assisted`).

    Raises VoteRefused when the rules say no."""
    decision = vote_permission(user, proposal, check_quota=False)
    if not decision:
        raise VoteRefused(decision)
    challenge = proposal.challenge
    values = {
        "user": user.pk,
        "proposal": proposal.pk,
        "challenge": challenge.pk,
        "now": connection.ops.adapt_datetimefield_value(timezone.now()),
        "action": VoteEvent.Action.CAST.value,
        "channel": channel,
        "entered_by": entered_by.pk if entered_by is not None else None,
        "entry_consent": bool(entry_consent),
    }
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            used, vote_id = _take_vote(cursor, values)
            if not quota_permission(challenge, used=used - 1):
                raise _QuotaUsed
            if vote_id is None:
                raise _AlreadyVoted
            vote_count_changed.send(sender=Proposal, proposal_ids=[proposal.pk])
            # Voting follows the proposal (one statement; the vote rules checked it is seen).
            following.follow_automatically(user, proposal, seen=True)
    except _AlreadyVoted:
        return Outcome.ALREADY_VOTED
    except _QuotaUsed:
        if Vote.objects.filter(user=user, proposal=proposal).exists():
            return Outcome.ALREADY_VOTED
        raise VoteRefused(quota_permission(challenge, used=votes_used(user, challenge))) from None
    return Outcome.CAST


def vote_withdraw(*, user, proposal: Proposal) -> Outcome:
    """Withdraw `user`'s vote for `proposal`. Withdrawing a vote that does not exist is a no-op
    answering NOT_VOTED. Raises VoteRefused once voting has closed."""
    decision = withdraw_permission(user, proposal)
    if not decision:
        raise VoteRefused(decision)
    with transaction.atomic():
        quota = (
            VoteQuota.objects.select_for_update()
            .filter(user=user, challenge=proposal.challenge)
            .only("pk")
            .first()
        )
        if quota is None:
            return Outcome.NOT_VOTED
        deleted, _ = Vote.objects.filter(user=user, proposal=proposal).delete()
        if not deleted:
            return Outcome.NOT_VOTED
        VoteQuota.objects.filter(pk=quota.pk, used__gt=0).update(used=F("used") - 1)
        Proposal.objects.filter(pk=proposal.pk, vote_count__gt=0).update(
            vote_count=F("vote_count") - 1
        )
        vote_count_changed.send(sender=Proposal, proposal_ids=[proposal.pk])
        VoteEvent.objects.create(user=user, proposal=proposal, action=VoteEvent.Action.WITHDRAW)
    return Outcome.WITHDRAWN


def votes_void(*, user, by, deactivate: bool = True, now=None) -> int:
    """Ban `user` (deactivate the account) and delete their votes in challenges whose voting
    has not closed. Counts are updated, each vote gets a VOID event, and the action is
    recorded in Wagtail's audit log. Returns the number of votes voided."""
    now = now or timezone.now()
    with transaction.atomic():
        if deactivate and user.is_active:
            type(user).objects.filter(pk=user.pk).update(is_active=False)
            user.is_active = False
        votes = list(
            Vote.objects.filter(user=user, challenge__voting_close__gt=now)
            .select_related("proposal")
            .order_by("challenge_id", "proposal_id")
        )
        challenge_ids = sorted({vote.challenge_id for vote in votes})
        # Lock in a fixed order (challenge, then proposals) like vote_cast does.
        list(
            VoteQuota.objects.select_for_update()
            .filter(user=user, challenge_id__in=challenge_ids)
            .order_by("challenge_id")
        )
        for vote in votes:
            if Vote.objects.filter(pk=vote.pk).delete()[0]:
                VoteQuota.objects.filter(
                    user=user, challenge_id=vote.challenge_id, used__gt=0
                ).update(used=F("used") - 1)
                Proposal.objects.filter(pk=vote.proposal_id, vote_count__gt=0).update(
                    vote_count=F("vote_count") - 1
                )
                VoteEvent.objects.create(
                    user=user, proposal_id=vote.proposal_id, action=VoteEvent.Action.VOID
                )
        if votes:
            vote_count_changed.send(
                sender=Proposal, proposal_ids=sorted({vote.proposal_id for vote in votes})
            )
        log(
            instance=user,
            action=VOTES_VOIDED_ACTION,
            user=by,
            data={
                "votes": len(votes),
                "proposals": [vote.proposal_id for vote in votes],
                "deactivated": deactivate,
            },
        )
    return len(votes)
