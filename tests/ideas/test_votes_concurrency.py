"""Votes under parallel requests, on PostgreSQL (SQLite serialises writers and hides races).

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/tori_votes."""

import random
import threading
import time
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection, connections
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from ideas.models import Proposal, Vote, VoteEvent, VoteQuota
from ideas.services.votes import VoteRefused, vote_cast, vote_withdraw

from .vote_helpers import proposals, resident, voting_challenge

IS_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not IS_POSTGRES,
        reason="concurrency tests need PostgreSQL: SQLite serialises writers and hides races",
    ),
    # serialized_rollback keeps Wagtail's root page and site, which the flush would delete.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_parallel(n, work):
    """Run work(i) in n threads started together; each thread closes its own connection."""
    barrier = threading.Barrier(n)
    results, errors = [None] * n, []

    def target(i):
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - recorded and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def assert_counts_match_rows():
    drift = (
        Proposal.objects.annotate(live=Count("votes"))
        .values_list("pk", "vote_count", "live")
        .order_by("pk")
    )
    for pk, stored, live in drift:
        assert stored == live, f"proposal {pk}: shown {stored}, rows {live}"
    for quota in VoteQuota.objects.all():
        live = Vote.objects.filter(user_id=quota.user_id, challenge_id=quota.challenge_id).count()
        assert quota.used == live


def test_50_identical_parallel_requests_make_one_vote(settings):
    settings.TORI_VOTE_RATE_USER = settings.TORI_VOTE_RATE_IP = "1000/m"
    (proposal,) = proposals(voting_challenge(), 1)
    user = resident()
    base = Client()
    base.force_login(user)
    url = reverse("ideas:vote-cast", kwargs={"pk": proposal.pk})

    def work(_i):
        client = Client()
        client.cookies = base.cookies
        return client.post(url).status_code

    statuses = run_parallel(50, work)

    assert Vote.objects.filter(user=user, proposal=proposal).count() == 1
    assert all(status < 500 for status in statuses), Counter(statuses)
    assert Counter(statuses) == {302: 50}
    assert Proposal.objects.get(pk=proposal.pk).vote_count == 1
    assert VoteEvent.objects.count() == 1
    assert VoteQuota.objects.get(user=user).used == 1


def test_limit_holds_under_parallel_votes():
    challenge = voting_challenge(votes_per_resident=3)
    items = proposals(challenge, 10)
    user = resident()

    def work(i):
        try:
            return vote_cast(user=user, proposal=items[i]).value
        except VoteRefused as refused:
            return refused.decision.reason

    outcomes = run_parallel(10, work)

    assert Vote.objects.filter(user=user).count() <= 3
    assert Counter(outcomes) == {"cast": 3, "quota_used": 7}
    assert VoteQuota.objects.get(user=user, challenge=challenge).used == 3
    assert_counts_match_rows()


def test_random_votes_and_withdrawals_keep_counts_and_log_consistent():
    challenge = voting_challenge(votes_per_resident=3)
    items = proposals(challenge, 5)
    users = [resident() for _ in range(30)]
    deadline = time.monotonic() + 4

    def work(i):
        rng = random.Random(i)  # noqa: S311 - test data
        done = 0
        while time.monotonic() < deadline:
            proposal = rng.choice(items)
            try:
                if rng.random() < 0.6:
                    vote_cast(user=users[i], proposal=proposal)
                else:
                    vote_withdraw(user=users[i], proposal=proposal)
            except VoteRefused:
                pass
            done += 1
        return done

    operations = run_parallel(30, work)
    assert sum(operations) > 30

    assert_counts_match_rows()
    assert all(Vote.objects.filter(user=user).count() <= 3 for user in users), "limit exceeded"
    # The event log replays to the same set of votes.
    state = set()
    for user_id, proposal_id, action in VoteEvent.objects.order_by("id").values_list(
        "user_id", "proposal_id", "action"
    ):
        key = (user_id, proposal_id)
        if action == VoteEvent.Action.CAST:
            assert key not in state
            state.add(key)
        else:
            assert key in state
            state.discard(key)
    assert state == set(Vote.objects.values_list("user_id", "proposal_id"))
    # And the shown counts are the rows.
    shown = dict(Proposal.objects.filter(challenge=challenge).values_list("pk", "vote_count"))
    rows = Counter(Vote.objects.values_list("proposal_id", flat=True))
    assert shown == {p.pk: rows.get(p.pk, 0) for p in items}
    assert connection.vendor == "postgresql"
