import pytest

from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "phase", ["upcoming", "proposals", "voting", "evaluation", "piloting", "closed"]
)
def test_make_challenge_builds_the_requested_phase(phase):
    assert make_challenge(phase=phase).phase == phase


@pytest.mark.django_db
@pytest.mark.parametrize("phase", ["upcoming", "proposals", "evaluation", "piloting", "closed"])
def test_make_challenge_without_voting(phase):
    assert make_challenge(phase=phase, voting=False).phase == phase


@pytest.mark.django_db
def test_proposal_factory_creates_lead_team_member():
    proposal = ProposalFactory(challenge=make_challenge())
    assert proposal.team.get().organisation == proposal.lead_organisation
    assert proposal.is_public
