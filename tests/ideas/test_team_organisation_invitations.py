"""Inviting an organisation picked from the directory: who may invite, who answers for the
organisation, the notifications both ways, the refusals next to the field, the rate limit."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from ideas.models import TeamInvitation, TeamMember
from ideas.rules import proposals as rules
from ideas.services import proposals as proposal_services
from ideas.services import team as team_services
from partners.models import Membership, Notification
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory

from .proposal_helpers import partner, private_root, proposal_with_lead, staff  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def owned_organisation(name="Sensor Lab ry"):
    organisation = OrganisationFactory(name=name)
    owner = partner(organisation, role=Membership.Role.OWNER)
    return organisation, owner


def setting():
    """A draft, its lead, an organisation from the directory with an owner and a member."""
    proposal, lead = proposal_with_lead(status="draft")
    organisation, owner = owned_organisation()
    member = partner(organisation)
    return proposal, lead, organisation, owner, member


def invite(proposal, lead, organisation):
    return team_services.organisation_invite(proposal=proposal, by=lead, organisation=organisation)


# --- rules, for every role --------------------------------------------------------------------


ROLES = [
    "visitor",
    "unverified lead",
    "resident",
    "lead",
    "lead owner",
    "co-developer",
    "invited owner",
    "invited member",
    "editor",
]


def person(role, proposal, lead, organisation, owner, member):
    if role == "visitor":
        return AnonymousUser()
    if role == "unverified lead":
        return partner(proposal.lead_organisation, unverified=True)
    if role == "resident":
        return UserFactory()
    if role == "lead":
        return lead
    if role == "lead owner":
        return partner(proposal.lead_organisation, role=Membership.Role.OWNER)
    if role == "co-developer":
        co = OrganisationFactory()
        TeamMember.objects.create(proposal=proposal, organisation=co)
        return partner(co, role=Membership.Role.OWNER)
    if role == "invited owner":
        return owner
    if role == "invited member":
        return member
    return staff()


@pytest.mark.parametrize(
    ("role", "allowed"), [(role, role in ("lead", "lead owner")) for role in ROLES]
)
def test_who_may_invite_an_organisation(role, allowed):
    proposal, lead, organisation, owner, member = setting()
    user = person(role, proposal, lead, organisation, owner, member)
    assert rules.can_invite_organisation(user, proposal) is allowed


def test_nobody_invites_once_the_proposal_is_no_longer_editable():
    proposal, lead, *_ = setting()
    proposal.status = "withdrawn"
    proposal.save()
    assert not rules.can_invite_organisation(lead, proposal)


@pytest.mark.parametrize(("role", "allowed"), [(role, role == "invited owner") for role in ROLES])
def test_only_an_owner_of_the_invited_organisation_answers(role, allowed):
    proposal, lead, organisation, owner, member = setting()
    invitation = invite(proposal, lead, organisation)
    user = person(role, proposal, lead, organisation, owner, member)
    assert rules.can_answer_organisation_invitation(user, invitation) is allowed


def test_an_answered_or_expired_invitation_cannot_be_answered_again():
    proposal, lead, organisation, owner, _member = setting()
    invitation = invite(proposal, lead, organisation)
    team_services.organisation_invitation_answer(invitation=invitation, by=owner, accept=False)
    invitation.refresh_from_db()
    assert not rules.can_answer_organisation_invitation(owner, invitation)
    other, other_owner = owned_organisation("Other Oy")
    late = invite(proposal, lead, other)
    late.expires_at = late.created_at
    assert not rules.can_answer_organisation_invitation(other_owner, late)


def test_an_e_mail_invitation_is_not_answered_this_way():
    proposal, lead, _organisation, owner, _member = setting()
    invitation, _token = team_services.invitation_create(
        proposal=proposal, by=lead, email=owner.email, kind=TeamInvitation.Kind.ORGANISATION
    )
    assert not rules.can_answer_organisation_invitation(owner, invitation)


# --- services ---------------------------------------------------------------------------------


def test_the_owners_are_notified_and_accept_for_the_organisation(
    django_capture_on_commit_callbacks,
):
    proposal, lead, organisation, owner, member = setting()
    second_owner = partner(organisation, role=Membership.Role.OWNER)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(proposal, lead, organisation)
    assert invitation.organisation == organisation and invitation.token_hash is None
    answer_url = reverse(
        "ideas:organisation-invitation",
        kwargs={"pk": proposal.pk, "invitation_pk": invitation.pk},
    )
    notified = Notification.objects.filter(kind="invitation", url__endswith=answer_url)
    assert set(notified.values_list("recipient", flat=True)) == {owner.pk, second_owner.pk}
    assert "Sensor Lab ry" in notified.first().subject
    assert not Notification.objects.filter(recipient=member).exists()

    with django_capture_on_commit_callbacks(execute=True):
        joined = team_services.organisation_invitation_answer(
            invitation=invitation, by=owner, accept=True
        )
    assert joined.organisation == organisation and joined.proposal == proposal
    invitation.refresh_from_db()
    assert invitation.status == TeamInvitation.Status.ACCEPTED
    heard = Notification.objects.get(recipient=lead, subject__contains="joined the team")
    assert "Sensor Lab ry" in heard.subject
    assert not Notification.objects.filter(recipient=owner, subject__contains="joined").exists()


def test_a_decline_is_told_to_the_team_and_nobody_joins(django_capture_on_commit_callbacks):
    proposal, lead, organisation, owner, _member = setting()
    invitation = invite(proposal, lead, organisation)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            team_services.organisation_invitation_answer(
                invitation=invitation, by=owner, accept=False
            )
            is None
        )
    assert not TeamMember.objects.filter(proposal=proposal, organisation=organisation).exists()
    assert Notification.objects.filter(recipient=lead, subject__contains="declined").exists()


def test_an_organisation_already_on_the_team_is_refused():
    proposal, lead, organisation, _owner, _member = setting()
    TeamMember.objects.create(proposal=proposal, organisation=organisation)
    with pytest.raises(proposal_services.ProposalError, match="already on the team"):
        invite(proposal, lead, organisation)
    with pytest.raises(proposal_services.ProposalError, match="already on the team"):
        invite(proposal, lead, proposal.lead_organisation)


def test_a_second_invitation_while_one_waits_is_refused():
    proposal, lead, organisation, _owner, _member = setting()
    invite(proposal, lead, organisation)
    with pytest.raises(proposal_services.ProposalError, match="already waiting"):
        invite(proposal, lead, organisation)


def test_someone_outside_the_lead_cannot_invite_or_answer():
    proposal, lead, organisation, owner, member = setting()
    with pytest.raises(proposal_services.ProposalError, match="Only the lead"):
        invite(proposal, owner, organisation)
    invitation = invite(proposal, lead, organisation)
    with pytest.raises(proposal_services.ProposalError, match="Only an owner"):
        team_services.organisation_invitation_answer(invitation=invitation, by=member, accept=True)
    assert not TeamMember.objects.filter(organisation=organisation).exists()


# --- views ------------------------------------------------------------------------------------


def team_url(proposal):
    return reverse("ideas:proposal-team", kwargs={"pk": proposal.pk})


def test_the_lead_searches_the_directory_and_picks_an_organisation(client):
    proposal, lead, organisation, _owner, _member = setting()
    other, _ = owned_organisation("Bike Makers Oy")
    client.force_login(lead)
    html = client.get(team_url(proposal), {"q": "sensor"}).content.decode()
    assert "Invite an organisation from the directory" in html
    assert f'<option value="{organisation.pk}">Sensor Lab ry</option>' in html
    assert "Bike Makers Oy" not in html
    response = client.post(
        reverse("ideas:team-invite-organisation", kwargs={"pk": proposal.pk}),
        {"organisation": organisation.pk},
    )
    assert response.status_code == 302
    assert TeamInvitation.objects.get(organisation=organisation).status == "pending"
    html = client.get(team_url(proposal)).content.decode()
    assert "Sensor Lab ry (invited from the directory)" in html
    assert f'<option value="{other.pk}">Bike Makers Oy</option>' in html


def test_an_organisation_on_the_team_is_refused_next_to_the_field(client):
    proposal, lead, organisation, _owner, _member = setting()
    TeamMember.objects.create(proposal=proposal, organisation=organisation)
    client.force_login(lead)
    response = client.post(
        reverse("ideas:team-invite-organisation", kwargs={"pk": proposal.pk}),
        {"organisation": organisation.pk},
    )
    assert response.status_code == 400
    errors = response.context["organisation_form"].errors["organisation"]
    assert errors == ["This organisation is already on the team."]
    assert "This organisation is already on the team." in response.content.decode()


def test_a_co_developer_sees_no_directory_field_and_cannot_post(client):
    proposal, _lead, organisation, _owner, _member = setting()
    co = OrganisationFactory()
    TeamMember.objects.create(proposal=proposal, organisation=co)
    co_developer = partner(co)
    client.force_login(co_developer)
    assert "Invite an organisation from the directory" not in (
        client.get(team_url(proposal)).content.decode()
    )
    client.post(
        reverse("ideas:team-invite-organisation", kwargs={"pk": proposal.pk}),
        {"organisation": organisation.pk},
    )
    assert not TeamInvitation.objects.exists()


def test_the_owner_answers_on_the_invitation_page_and_others_get_404(client):
    proposal, lead, organisation, owner, member = setting()
    invitation = invite(proposal, lead, organisation)
    url = reverse(
        "ideas:organisation-invitation",
        kwargs={"pk": proposal.pk, "invitation_pk": invitation.pk},
    )
    signed_out = client.get(url)
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(reverse("partners:login"))
    for outsider in (member, lead, UserFactory()):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "accept"}).status_code == 404
    client.force_login(owner)
    page = client.get(url)
    assert page.status_code == 200
    assert "invites Sensor Lab ry" in page.content.decode()
    assert client.post(url, {"action": "accept"}).status_code == 302
    assert TeamMember.objects.filter(proposal=proposal, organisation=organisation).exists()
    assert client.get(url).status_code == 404


def test_directory_invitations_are_rate_limited_like_other_invitations(client, settings):
    settings.TORI_INVITATION_RATE = "1/m"
    proposal, lead, organisation, _owner, _member = setting()
    other, _ = owned_organisation("Other Oy")
    client.force_login(lead)
    url = reverse("ideas:team-invite-organisation", kwargs={"pk": proposal.pk})
    assert client.post(url, {"organisation": organisation.pk}).status_code == 302
    response = client.post(url, {"organisation": other.pk})
    assert response.status_code == 429
    assert not TeamInvitation.objects.filter(organisation=other).exists()


def test_the_e_mail_invitation_stays_for_people_not_yet_in_tori(client):
    proposal, lead, *_ = setting()
    client.force_login(lead)
    response = client.post(team_url(proposal), {"kind": "person", "email": "new@example.org"})
    assert response.status_code == 302
    assert TeamInvitation.objects.get(email="new@example.org").kind == "person"


def test_an_organisation_without_an_owner_is_not_offered(client):
    proposal, lead, *_ = setting()
    ownerless = OrganisationFactory(name="Ownerless Oy")
    MembershipFactory(organisation=ownerless, user=UserFactory(), role=Membership.Role.MEMBER)
    client.force_login(lead)
    assert "Ownerless Oy" not in client.get(team_url(proposal)).content.decode()
