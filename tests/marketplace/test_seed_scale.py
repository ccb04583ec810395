"""seed_scale: volume data through bulk inserts that keep every invariant of the services."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from cms.models import ChallengePage
from ideas.models import Proposal, TeamMember, Vote, VoteEvent, VoteQuota
from marketplace.management.commands.seed_scale import Command
from marketplace.models import Offering, Pilot

pytestmark = pytest.mark.django_db


def _seed(*args):
    out = io.StringIO()
    call_command("seed_scale", *args, stdout=out)
    return out.getvalue()


def test_counts_agree_with_the_vote_rows_and_verify_counts_finds_no_drift():
    _seed("--challenges=4", "--proposals=60", "--votes=150", "--users=30", "--comments=20")
    _seed("--challenges=2", "--proposals=20", "--votes=40", "--users=20")  # runs stack

    assert Vote.objects.count() == 190
    for proposal in Proposal.objects.annotate(rows=Count("votes")):
        assert proposal.vote_count == proposal.rows
    for quota in VoteQuota.objects.select_related("challenge"):
        rows = Vote.objects.filter(user=quota.user_id, challenge=quota.challenge_id).count()
        assert quota.used == rows <= quota.challenge.votes_per_resident
    assert VoteEvent.objects.filter(action=VoteEvent.Action.CAST).count() == Vote.objects.count()
    out = io.StringIO()
    call_command("verify_counts", stdout=out)  # raises CommandError on drift
    assert "No drift" in out.getvalue()


def test_every_proposal_has_its_lead_and_challenges_are_published_pages():
    _seed("--challenges=3", "--proposals=30", "--pilots=5", "--offerings=12", "--organisations=6")

    assert not Proposal.objects.exclude(team__role=TeamMember.Role.LEAD).exists()
    assert ChallengePage.objects.live().count() == 3
    assert Pilot.objects.published().count() == 5
    assert Offering.objects.published().count() == 12
    assert not Offering.objects.filter(providers=None).exists()


def test_catalogue_entries_pick_numbers_that_add_up():
    numbers = Command.proportions(100_000)
    entries = (
        numbers["challenges"] + numbers["proposals"] + numbers["pilots"] + numbers["offerings"]
    )
    assert entries == 100_000


def test_progress_and_the_index_step_are_reported():
    out = _seed("--catalogue-entries=200")
    assert "proposals" in out and "[####" in out
    assert "Catalogue index" in out
