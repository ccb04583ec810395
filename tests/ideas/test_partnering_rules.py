"""Who may look for partners, see a call, ask to join and answer: every rule, every role."""

import pytest
from django.utils import translation

from ideas.models import JoinRequest, PartnerCall, TeamMember
from ideas.rules import partnering as rules
from partners.models import Membership
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import OrganisationFactory, make_role

from .proposal_helpers import partner, private_root  # noqa: F401

pytestmark = pytest.mark.django_db

ROLES = (
    "visitor",
    "unverified",
    "resident",
    "lead_member",
    "co_developer",
    "other_partner",
    "evaluator",
    "editor",
    "moderator",
    "superuser",
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    """A draft with a lead organisation and a co-developing one, its open call, a pending
    request from a third organisation, and a person in every role."""
    proposal = ProposalFactory(challenge=make_challenge(phase="proposals"), status="draft")
    co = OrganisationFactory()
    TeamMember.objects.create(proposal=proposal, organisation=co)
    other = OrganisationFactory()
    people = {role: make_role(role) for role in ROLES if role in _PLAIN}
    people["lead_member"] = partner(proposal.lead_organisation)
    people["co_developer"] = partner(co, role=Membership.Role.OWNER)
    people["other_partner"] = partner(other)
    call = PartnerCall.objects.create(proposal=proposal, description="A research group")
    join_request = JoinRequest.objects.create(
        proposal=proposal, call=call, organisation=other, message="Hello"
    )
    return proposal, call, join_request, people


_PLAIN = {"visitor", "unverified", "resident", "evaluator", "editor", "moderator", "superuser"}
TEAM = {"lead_member", "co_developer"}
STAFF = {"editor", "moderator", "superuser"}


def allowed(rule, people, *args) -> set[str]:
    return {role for role in ROLES if rule(people[role], *args)}


def test_the_team_posts_and_edits_calls_while_the_proposal_is_editable(world):
    proposal, call, _request, people = world
    assert allowed(rules.can_post_partner_call, people, proposal) == TEAM
    assert allowed(rules.can_edit_partner_call, people, call) == TEAM
    later = proposal.challenge.proposals_close
    assert allowed(rules.can_post_partner_call, people, proposal, later) == set()
    proposal.status = "withdrawn"
    assert allowed(rules.can_edit_partner_call, people, call) == set()


def test_everyone_sees_an_open_call_and_only_the_team_and_staff_a_closed_one(world):
    proposal, call, _request, people = world
    assert allowed(rules.can_view_partner_call, people, call) == set(ROLES)
    call.is_open = False
    assert allowed(rules.can_view_partner_call, people, call) == TEAM | STAFF
    call.is_open = True
    proposal.status = "withdrawn"
    assert allowed(rules.can_view_partner_call, people, call) == TEAM | STAFF


def test_only_members_of_organisations_off_the_team_ask_to_join(world):
    _proposal, call, _request, people = world
    assert allowed(rules.can_request_to_join, people, call) == {"other_partner"}
    call.is_open = False
    assert allowed(rules.can_request_to_join, people, call) == set()


def test_asking_for_an_organisation_needs_membership_of_it(world):
    proposal, call, join_request, people = world
    other = join_request.organisation
    assert rules.can_request_to_join(people["other_partner"], call, other)
    assert not rules.can_request_to_join(people["resident"], call, other)
    assert not rules.can_request_to_join(people["lead_member"], call, proposal.lead_organisation)


def test_the_lead_answers_a_pending_request(world):
    _proposal, _call, join_request, people = world
    assert allowed(rules.can_answer_join_request, people, join_request) == {"lead_member"}
    join_request.status = JoinRequest.Status.WITHDRAWN
    assert allowed(rules.can_answer_join_request, people, join_request) == set()


def test_the_individual_author_answers_for_an_individuals_idea():
    author = make_role("resident")
    proposal = ProposalFactory(
        challenge=make_challenge(phase="proposals", individuals_may_submit=True),
        status="draft",
        lead_organisation=None,
        created_by=author,
    )
    asking = partner()
    join_request = JoinRequest.objects.create(
        proposal=proposal,
        organisation=asking.memberships.get().organisation,
        requested_by=asking,
        message="Hello",
    )
    assert rules.can_answer_join_request(author, join_request)
    assert not rules.can_answer_join_request(asking, join_request)


def test_the_requesting_organisation_withdraws_its_pending_request(world):
    _proposal, _call, join_request, people = world
    assert allowed(rules.can_withdraw_join_request, people, join_request) == {"other_partner"}
    join_request.status = JoinRequest.Status.DECLINED
    assert allowed(rules.can_withdraw_join_request, people, join_request) == set()
