"""Visibility: the whole matrix of role × status × challenge setting × consent.

A proposal is public only when the challenge makes proposals public, the team consented and
it is past draft and not withdrawn. Otherwise only its team, staff (editors, moderators) and
the challenge's assigned evaluators (once submitted) see it; everyone else gets a 404."""

import pytest
from django.urls import reverse

from ideas.models import EvaluatorAssignment, ProposalStatus
from ideas.rules import can_view_proposal
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import UserFactory

from .proposal_helpers import challenge, partner, private_root  # noqa: F401

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "unverified",
    "resident",
    "team_member",
    "other_partner",
    "evaluator_assigned",
    "evaluator_unassigned",
    "editor",
    "moderator",
]
HIDDEN_FROM_EVALUATORS = {ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN}


def expected(role, status, challenge_public, consent):
    public = challenge_public and consent and status not in HIDDEN_FROM_EVALUATORS
    if public or role in ("team_member", "editor", "moderator"):
        return True
    return role == "evaluator_assigned" and status not in HIDDEN_FROM_EVALUATORS


def user_for(role, proposals, challenges):
    if role == "visitor":
        return None
    if role == "unverified":
        return UserFactory(unverified=True)
    if role == "resident":
        return UserFactory()
    if role == "team_member":
        user = UserFactory()
        for proposal in proposals:
            partner_membership(user, proposal)
        return user
    if role == "other_partner":
        return partner()
    if role.startswith("evaluator"):
        user = UserFactory(groups=["Evaluators"])
        if role == "evaluator_assigned":
            for page in challenges:
                EvaluatorAssignment.objects.create(challenge=page, evaluator=user)
        return user
    return UserFactory(groups=["Editors" if role == "editor" else "Moderators"])


def partner_membership(user, proposal):
    from partners.models import Membership

    Membership.objects.create(organisation=proposal.lead_organisation, user=user)


@pytest.mark.parametrize("role", ROLES)
def test_visibility_matrix(client, role):
    challenges = {setting: challenge(proposals_public=setting) for setting in (True, False)}
    cases = []
    for setting, page in challenges.items():
        for status in ProposalStatus.values:
            for consent in (True, False):
                cases.append(
                    (
                        setting,
                        status,
                        consent,
                        ProposalFactory(challenge=page, status=status, publication_consent=consent),
                    )
                )
    user = user_for(role, [case[3] for case in cases], list(challenges.values()))
    if user is not None:
        client.force_login(user)
    from django.contrib.auth.models import AnonymousUser

    for setting, status, consent, proposal in cases:
        want = expected(role, status, setting, consent)
        proposal = type(proposal).objects.select_related("challenge").get(pk=proposal.pk)
        assert can_view_proposal(user or AnonymousUser(), proposal) is want, (
            role,
            status,
            setting,
            consent,
        )
        response = client.get(reverse("ideas:proposal-detail", kwargs={"pk": proposal.pk}))
        assert response.status_code == (200 if want else 404), (role, status, setting, consent)
        if not want:
            assert proposal.title not in response.content.decode()


def test_challenge_list_shows_only_public_proposals(client):
    page = challenge(proposals_public=True)
    shown = ProposalFactory(challenge=page, title="Shown")
    ProposalFactory(challenge=page, title="No consent", publication_consent=False)
    ProposalFactory(challenge=page, title="A draft", status="draft")
    ProposalFactory(challenge=page, title="Gone", status="withdrawn")
    ProposalFactory(challenge=challenge(proposals_public=False), title="Secret")
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = UserFactory(groups=["Editors"])  # even staff see only public ones in the list
    html = Template("{% load proposal_tags %}{% challenge_proposals page %}").render(
        Context({"page": page, "request": request})
    )
    assert shown.title in html
    for title in ("No consent", "A draft", "Gone", "Secret"):
        assert title not in html


def test_the_votes_own_read_agrees_with_the_rules():
    """proposal_for_vote() reads a proposal, its challenge's vote settings and is_team_member in
    one hand-written query (the vote's hot path): it must say what the ORM and the rule's own
    query say, for every way of belonging to a team and of not belonging."""
    from django.contrib.auth.models import AnonymousUser

    from ideas.models import Proposal, TeamMember
    from ideas.rules.proposals import is_team_member
    from ideas.selectors.votes import VOTE_CHALLENGE_FIELDS, proposal_for_vote
    from tests.factories.partners import OrganisationFactory

    page = challenge(proposals_public=True)
    by_organisation, personal, other = (ProposalFactory(challenge=page) for _ in range(3))
    TeamMember.objects.filter(proposal=personal).delete()
    author = UserFactory()
    TeamMember.objects.create(proposal=personal, user=author, role=TeamMember.Role.LEAD)
    co_developer = partner()
    TeamMember.objects.create(
        proposal=other,
        organisation=co_developer.memberships.get().organisation,
        role=TeamMember.Role.CO_DEVELOPER,
    )
    users = {
        "member of the lead organisation": partner(by_organisation.lead_organisation),
        "member of a co-developing organisation": co_developer,
        "the individual author": author,
        "member of an unrelated organisation": partner(OrganisationFactory()),
        "resident": UserFactory(),
        "visitor": AnonymousUser(),
    }
    members = {
        ("member of the lead organisation", by_organisation.pk),
        ("member of a co-developing organisation", other.pk),
        ("the individual author", personal.pk),
    }
    for name, user in users.items():
        for pk in (by_organisation.pk, personal.pk, other.pk):
            read = proposal_for_vote(pk, user)
            orm = Proposal.objects.select_related("challenge").get(pk=pk)
            want = (name, pk) in members
            assert is_team_member(user, orm) is want, (name, pk)
            assert is_team_member(user, read) is want, (name, pk)
            assert (read.pk, read.title, read.status, read.vote_count, read.is_public) == (
                orm.pk,
                orm.title,
                orm.status,
                orm.vote_count,
                orm.is_public,
            )
            for field in VOTE_CHALLENGE_FIELDS:
                assert getattr(read.challenge, field) == getattr(orm.challenge, field), field
    assert proposal_for_vote(other.pk + 1000, users["resident"]) is None


def _answer(client, pk):
    """The detail page's answer for an id, with the id itself left out, and the SQL it ran
    (numbers left out: the same queries, whatever ids they carry)."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("ideas:proposal-detail", kwargs={"pk": pk})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    body = response.content.decode().replace(f"/{pk}/", "/ID/")
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", body)  # new each page
    return response.status_code, body, [re.sub(r"\d+", "N", q["sql"]) for q in queries]


@pytest.mark.parametrize("role", ["visitor", "resident", "other_partner"])
@pytest.mark.parametrize("kind", ["draft", "no_consent", "confidential_challenge"])
def test_a_confidential_proposal_answers_and_works_exactly_like_a_missing_one(client, role, kind):
    """Nothing in the answer, nor the work done for it, tells a hidden id from an absent one:
    both take the same queries (a timing difference would otherwise show that the id exists)."""
    fields = {
        "draft": {"status": ProposalStatus.DRAFT},
        "no_consent": {"publication_consent": False},
        "confidential_challenge": {},
    }[kind]
    page = challenge(proposals_public=kind != "confidential_challenge")
    hidden = ProposalFactory(challenge=page, **fields)
    missing = hidden.pk + 1000
    user = user_for(role, [], [])
    if user is not None:
        client.force_login(user)
    _answer(client, missing)  # the first request of a session does its own one-off work
    status, body, queries = _answer(client, hidden.pk)
    assert status == 404
    assert hidden.title not in body
    assert (status, body, queries) == _answer(client, missing)
