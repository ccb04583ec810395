"""The vote service: counts, the limit, the event log, withdrawing, voiding, verify_counts."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from ideas.models import Proposal, Vote, VoteEvent, VoteQuota
from ideas.rules.votes import VoteRefusal
from ideas.services.votes import Outcome, VoteRefused, vote_cast, vote_withdraw, votes_void
from tests.factories.cms import make_challenge
from tests.factories.partners import UserFactory

from .vote_helpers import proposals, resident, voting_challenge

pytestmark = pytest.mark.django_db


def test_cast_creates_row_counter_quota_and_event():
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1)
    user = resident()

    assert vote_cast(user=user, proposal=proposal) is Outcome.CAST

    proposal.refresh_from_db()
    assert proposal.vote_count == 1 == Vote.objects.filter(proposal=proposal).count()
    assert VoteQuota.objects.get(user=user, challenge=challenge).used == 1
    assert list(VoteEvent.objects.values_list("action", flat=True)) == ["cast"]


def test_voting_twice_is_one_vote():
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1)
    user = resident()
    vote_cast(user=user, proposal=proposal)

    assert vote_cast(user=user, proposal=proposal) is Outcome.ALREADY_VOTED
    proposal.refresh_from_db()
    assert proposal.vote_count == 1 == Vote.objects.count()
    assert VoteEvent.objects.count() == 1


def test_limit_refuses_the_vote_after_the_last_one():
    challenge = voting_challenge(votes_per_resident=2)
    a, b, c = proposals(challenge, 3)
    user = resident()
    vote_cast(user=user, proposal=a)
    vote_cast(user=user, proposal=b)

    with pytest.raises(VoteRefused) as refused:
        vote_cast(user=user, proposal=c)

    assert refused.value.decision.reason == VoteRefusal.QUOTA_USED
    assert Vote.objects.filter(user=user).count() == 2
    # Voting again for one already chosen is still fine (idempotent), and withdrawing frees a vote.
    assert vote_cast(user=user, proposal=a) is Outcome.ALREADY_VOTED
    vote_withdraw(user=user, proposal=a)
    assert vote_cast(user=user, proposal=c) is Outcome.CAST


def test_no_limit_when_zero():
    challenge = voting_challenge(votes_per_resident=0)
    user = resident()
    for proposal in proposals(challenge, 5):
        vote_cast(user=user, proposal=proposal)
    assert Vote.objects.filter(user=user).count() == 5


def test_withdraw_keeps_the_event_log_and_updates_counts():
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1)
    user = resident()
    vote_cast(user=user, proposal=proposal)

    assert vote_withdraw(user=user, proposal=proposal) is Outcome.WITHDRAWN

    proposal.refresh_from_db()
    assert proposal.vote_count == 0 == Vote.objects.count()
    assert VoteQuota.objects.get(user=user, challenge=challenge).used == 0
    assert list(VoteEvent.objects.values_list("action", flat=True)) == ["cast", "withdraw"]


def test_withdrawing_a_missing_vote_is_a_no_op():
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1)
    user = resident()

    assert vote_withdraw(user=user, proposal=proposal) is Outcome.NOT_VOTED
    vote_cast(user=user, proposal=proposal)
    vote_withdraw(user=user, proposal=proposal)
    assert vote_withdraw(user=user, proposal=proposal) is Outcome.NOT_VOTED
    assert VoteEvent.objects.count() == 2


def test_refused_vote_writes_nothing():
    challenge = make_challenge(phase="evaluation")
    (proposal,) = proposals(challenge, 1)
    with pytest.raises(VoteRefused):
        vote_cast(user=resident(), proposal=proposal)
    assert (
        not Vote.objects.exists()
        and not VoteEvent.objects.exists()
        and not VoteQuota.objects.exists()
    )


def test_void_deactivates_deletes_open_votes_and_logs():
    open_challenge = voting_challenge()
    p1, p2 = proposals(open_challenge, 2)
    banned, other, staff = resident(), resident(), UserFactory(is_superuser=True)
    vote_cast(user=banned, proposal=p1)
    vote_cast(user=banned, proposal=p2)
    vote_cast(user=other, proposal=p1)

    assert votes_void(user=banned, by=staff) == 2

    banned.refresh_from_db()
    assert not banned.is_active
    assert list(Vote.objects.values_list("user", flat=True)) == [other.pk]
    assert Proposal.objects.get(pk=p1.pk).vote_count == 1
    assert Proposal.objects.get(pk=p2.pk).vote_count == 0
    assert VoteQuota.objects.get(user=banned).used == 0
    assert VoteEvent.objects.filter(action="void", user=banned).count() == 2
    entry = ModelLogEntry.objects.get(action="tori.votes_voided")
    assert entry.object_id == str(banned.pk) and entry.user_id == staff.pk
    assert entry.data["votes"] == 2


def test_void_keeps_votes_of_closed_challenges():
    closed = make_challenge(phase="evaluation")
    (proposal,) = proposals(closed, 1)
    banned = resident()
    Vote.objects.create(user=banned, proposal=proposal, challenge=closed)
    assert votes_void(user=banned, by=UserFactory(is_superuser=True)) == 0
    assert Vote.objects.count() == 1


# --- verify_counts ---------------------------------------------------------------------


def _drift():
    challenge = voting_challenge()
    a, b = proposals(challenge, 2)
    user = resident()
    vote_cast(user=user, proposal=a)
    vote_cast(user=user, proposal=b)
    Proposal.objects.filter(pk=a.pk).update(vote_count=7)
    VoteQuota.objects.filter(user=user).update(used=0)
    other = resident()
    Vote.objects.create(user=other, proposal=b, challenge=challenge)  # no counter, no quota row
    return a, b, user, other


def test_verify_counts_clean():
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1)
    vote_cast(user=resident(), proposal=proposal)
    out = StringIO()
    call_command("verify_counts", stdout=out)
    assert "No drift" in out.getvalue()


def test_verify_counts_reports_drift_and_fails():
    a, b, user, other = _drift()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_counts", stdout=out)
    report = out.getvalue()
    assert f"proposal {a.pk}: vote_count 7, votes 1" in report
    assert f"proposal {b.pk}: vote_count 1, votes 2" in report
    assert "used 0, votes 2" in report
    assert f"quota missing (user {other.pk}" in report
    assert Proposal.objects.get(pk=a.pk).vote_count == 7  # nothing changed


def test_verify_counts_repair():
    a, b, user, other = _drift()
    call_command("verify_counts", "--repair", stdout=StringIO())

    assert Proposal.objects.get(pk=a.pk).vote_count == 1
    assert Proposal.objects.get(pk=b.pk).vote_count == 2
    assert VoteQuota.objects.get(user=user).used == 2
    assert VoteQuota.objects.get(user=other).used == 1
    out = StringIO()
    call_command("verify_counts", stdout=out)
    assert "No drift" in out.getvalue()


def test_one_short_transaction_with_constant_queries_per_vote():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    challenge = voting_challenge(votes_per_resident=0)
    items = proposals(challenge, 12)
    user = resident()
    vote_cast(user=user, proposal=items[0])  # creates the quota row

    def queries(proposal):
        proposal = Proposal.objects.select_related("challenge").get(pk=proposal.pk)
        with CaptureQueriesContext(connection) as ctx:
            vote_cast(user=user, proposal=proposal)
        return [q["sql"] for q in ctx.captured_queries]

    second, eleventh = queries(items[1]), queries(items[11])
    assert len(second) == len(eleventh) <= 10
    # The test runs inside a transaction, so the service's one atomic block shows as one savepoint.
    assert sum(sql.startswith("SAVEPOINT") for sql in eleventh) == 1
    assert not any("LOCK TABLE" in sql.upper() for sql in eleventh)
