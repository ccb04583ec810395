"""Submission: who may start a proposal, in which phase, consent, customer groups, drafts."""

import pytest
from django.urls import reverse

from ideas.models import Proposal, ProposalStatus, TeamMember
from ideas.rules import proposals as rules
from ideas.services import proposals as proposal_services
from tests.factories.cms import CustomerGroupFactory
from tests.factories.partners import OrganisationFactory, UserFactory

from .proposal_helpers import challenge, partner, private_root  # noqa: F401

pytestmark = pytest.mark.django_db


def start(user, page, organisation, **kwargs):
    kwargs.setdefault("title", "Museum by bike")
    kwargs.setdefault("summary", "Guided tours by cargo bike.")
    return proposal_services.proposal_start(
        user=user, challenge=page, organisation=organisation, **kwargs
    )


@pytest.mark.parametrize(
    ("phase", "message"),
    [
        ("upcoming", "does not accept proposals yet"),
        ("voting", "Proposals for this challenge closed on"),
        ("evaluation", "Proposals for this challenge closed on"),
        ("closed", "Proposals for this challenge closed on"),
    ],
)
def test_starting_out_of_phase_is_refused_with_its_message(client, phase, message):
    page = challenge(phase)
    org = OrganisationFactory()
    user = partner(org)
    with pytest.raises(proposal_services.ProposalError, match=message):
        start(user, page, org)
    client.force_login(user)
    response = client.get(reverse("ideas:proposal-start", kwargs={"challenge_pk": page.pk}))
    assert response.status_code == 403
    assert message in response.content.decode()
    assert not Proposal.objects.exists()


def test_partner_starts_a_draft_for_their_organisation_through_the_page(client):
    groups = [CustomerGroupFactory(), CustomerGroupFactory()]
    page = challenge(customer_groups=groups)
    org = OrganisationFactory()
    user = partner(org)
    client.force_login(user)
    url = reverse("ideas:proposal-start", kwargs={"challenge_pk": page.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "organisation": org.pk,
            "title": "Family trail",
            "summary": "A trail for families.",
            "body": "Details",
            "customer_groups": [groups[0].pk],
            "language": "fi",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.lead_organisation == org
    assert list(proposal.customer_groups.all()) == [groups[0]]
    assert proposal.team.get().role == TeamMember.Role.LEAD
    assert proposal.revisions.get().version == 1


def test_customer_groups_come_from_the_challenge():
    page = challenge()
    org = OrganisationFactory()
    with pytest.raises(proposal_services.ProposalError, match="target groups"):
        start(partner(org), page, org, customer_groups=[CustomerGroupFactory()])


def test_partner_cannot_propose_for_an_organisation_they_do_not_belong_to():
    page = challenge()
    user = partner()
    with pytest.raises(proposal_services.ProposalError, match="organisations you belong to"):
        start(user, page, OrganisationFactory())


def test_unverified_user_is_refused():
    page = challenge()
    org = OrganisationFactory()
    user = partner(org, unverified=True)
    decision = rules.can_start_proposal(user, page)
    assert not decision and "Verify your e-mail" in str(decision.reason)


def test_individual_ideas_only_where_the_challenge_allows():
    resident = UserFactory()
    closed_to_individuals = challenge()
    with pytest.raises(proposal_services.ProposalError, match="organisations only"):
        start(resident, closed_to_individuals, None)
    page = challenge(individuals_may_submit=True)
    proposal = start(resident, page, None)
    assert proposal.lead_organisation is None
    assert proposal.team.get().user == resident


def test_submitting_requires_consent_when_the_challenge_publishes_proposals(client):
    page = challenge(proposals_public=True)
    org = OrganisationFactory()
    user = partner(org)
    proposal = start(user, page, org)
    with pytest.raises(proposal_services.ProposalError, match="consent"):
        proposal_services.proposal_submit(proposal=proposal, by=user, publication_consent=False)
    client.force_login(user)
    response = client.post(
        reverse("ideas:proposal-submit", kwargs={"pk": proposal.pk}), follow=True
    )
    assert "give your consent to publication" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT
    client.post(
        reverse("ideas:proposal-submit", kwargs={"pk": proposal.pk}), {"publication_consent": "on"}
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.publication_consent
    assert proposal.submitted_at is not None
    assert proposal.is_public


def test_confidential_challenge_submits_without_consent():
    page = challenge(proposals_public=False)
    org = OrganisationFactory()
    user = partner(org)
    proposal = start(user, page, org)
    proposal_services.proposal_submit(proposal=proposal, by=user, publication_consent=False)
    assert proposal.status == ProposalStatus.SUBMITTED
    assert not Proposal.objects.get().is_public


def test_drafts_are_saved_until_the_close_and_not_after(time_machine):
    page = challenge()
    org = OrganisationFactory()
    user = partner(org)
    proposal = start(user, page, org)
    proposal_services.proposal_update(
        proposal=proposal, by=user, expected_version=1, title="T2", summary="S2"
    )
    time_machine.move_to(page.proposals_close)
    proposal = Proposal.objects.get()
    with pytest.raises(proposal_services.ProposalError, match="no longer be edited"):
        proposal_services.proposal_update(
            proposal=proposal, by=user, expected_version=2, title="T3", summary="S3"
        )
    with pytest.raises(proposal_services.ProposalError):
        proposal_services.proposal_submit(proposal=proposal, by=user, publication_consent=True)


def test_my_proposals_lists_the_partners_team_proposals(client):
    page = challenge()
    org = OrganisationFactory()
    user = partner(org)
    mine = start(user, page, org, title="Mine")
    other_org = OrganisationFactory()
    start(partner(other_org), page, other_org, title="Theirs")
    client.force_login(user)
    content = client.get(reverse("ideas:my-proposals")).content.decode()
    assert mine.title in content
    assert "Theirs" not in content
