"""The demo builds proposals in every status, teams of two or three organisations and
comments including a hidden one, through the services, idempotently."""

import io

import pytest
from django.db.models import Count
from django.urls import reverse

from ideas.demo import proposals as demo
from ideas.models import Comment, Proposal, ProposalStatus
from partners.models import Membership
from tests.factories.partners import OrganisationFactory, UserFactory

from .proposal_helpers import challenge, partner, private_root  # noqa: F401

pytestmark = pytest.mark.django_db


def test_demo_without_challenges_does_nothing():
    out = io.StringIO()
    demo.seed(stdout=out)
    assert "skipped" in out.getvalue()
    assert not Proposal.objects.exists()


def test_demo_covers_every_status_and_is_idempotent():
    for phase in ("proposals", "voting", "evaluation", "piloting", "closed"):
        challenge(phase)
    for _ in range(4):
        partner(OrganisationFactory(), role=Membership.Role.OWNER)
    UserFactory.create_batch(3)
    UserFactory(groups=["Moderators"])
    demo.seed(stdout=io.StringIO())
    assert set(Proposal.objects.values_list("status", flat=True)) == set(ProposalStatus.values)
    sizes = set(
        Proposal.objects.annotate(n=Count("team__organisation")).values_list("n", flat=True)
    )
    assert {2, 3} <= sizes
    assert Comment.objects.filter(hidden_at__isnull=False).exists()
    assert Comment.objects.filter(visibility="team").exists()
    counts = (Proposal.objects.count(), Comment.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (Proposal.objects.count(), Comment.objects.count()) == counts


def test_demo_has_an_individuals_idea_that_the_staff_export_writes(client):
    challenge("voting", individuals_may_submit=True)
    partner(OrganisationFactory(), role=Membership.Role.OWNER)
    UserFactory.create_batch(2)
    demo.seed(stdout=io.StringIO())
    idea = Proposal.objects.get(lead_organisation__isnull=True)
    assert idea.status == ProposalStatus.SUBMITTED and idea.is_public
    assert idea.team.get().user == idea.created_by
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for export in ("csv", "xlsx"):
        response = client.get(reverse("ideas_proposal:index"), {"export": export})
        assert response.status_code == 200, export
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if export == "csv":
            assert idea.title in body.decode()
