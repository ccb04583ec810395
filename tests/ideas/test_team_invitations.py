"""Team: invitations with single-use expiring tokens, removing members, leaving, editing."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ideas.models import TeamInvitation, TeamMember
from ideas.rules import proposals as rules
from ideas.services import proposals as proposal_services
from ideas.services import team as team_services
from partners.models import Membership, Notification
from tests.factories.partners import OrganisationFactory, UserFactory

from .proposal_helpers import partner, private_root, proposal_with_lead  # noqa: F401

pytestmark = pytest.mark.django_db


def invite(proposal, lead, email, kind=TeamInvitation.Kind.PERSON):
    return team_services.invitation_create(proposal=proposal, by=lead, email=email, kind=kind)


def test_lead_invites_a_person_who_accepts_once(client, django_capture_on_commit_callbacks):
    proposal, lead = proposal_with_lead(status="draft")
    invitee = UserFactory(email="friend@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invite(proposal, lead, "Friend@Example.org")
    assert invitation.token_hash and token not in invitation.token_hash
    note = Notification.objects.get(recipient=invitee, kind="invitation")
    assert token in note.url
    assert len(mail.outbox) == 1 and token in mail.outbox[0].body
    client.force_login(invitee)
    url = reverse("ideas:invitation", kwargs={"token": token})
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "accept"})
    assert response.status_code == 302
    assert TeamMember.objects.filter(proposal=proposal, user=invitee).exists()
    assert rules.can_edit_proposal(invitee, type(proposal).objects.get(pk=proposal.pk))
    # Reused token: a clear page, nothing else happens.
    response = client.get(url)
    assert response.status_code == 410
    assert "already used" in response.content.decode()
    assert client.post(url, {"action": "accept"}).status_code == 410


def test_expired_token_shows_a_clear_page(client, time_machine):
    proposal, lead = proposal_with_lead(status="draft")
    invitee = UserFactory()
    _, token = invite(proposal, lead, invitee.email)
    time_machine.move_to(timezone.now() + timedelta(days=15))
    client.force_login(invitee)
    response = client.get(reverse("ideas:invitation", kwargs={"token": token}))
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    with pytest.raises(proposal_services.ProposalError, match="expired"):
        team_services.invitation_accept(token=token, user=invitee)


def test_unknown_token_shows_a_clear_page(client):
    assert client.get(reverse("ideas:invitation", kwargs={"token": "nope"})).status_code == 410


def test_decline(client):
    proposal, lead = proposal_with_lead(status="draft")
    _, token = invite(proposal, lead, "someone@example.org")
    response = client.post(
        reverse("ideas:invitation", kwargs={"token": token}), {"action": "decline"}
    )
    assert response.status_code == 302
    assert TeamInvitation.objects.get().status == TeamInvitation.Status.DECLINED
    assert team_services.invitation_by_token(token) is None


def test_invitation_only_for_the_invited_address():
    proposal, lead = proposal_with_lead(status="draft")
    _, token = invite(proposal, lead, "invited@example.org")
    with pytest.raises(proposal_services.ProposalError, match="invited@example.org"):
        team_services.invitation_accept(token=token, user=UserFactory())
    assert TeamInvitation.objects.get().status == TeamInvitation.Status.PENDING


def test_organisation_invited_through_its_owner(client):
    proposal, lead = proposal_with_lead(status="draft")
    org = OrganisationFactory()
    owner = partner(org, role=Membership.Role.OWNER)
    with pytest.raises(proposal_services.ProposalError, match="owner"):
        invite(proposal, lead, partner().email, TeamInvitation.Kind.ORGANISATION)
    _, token = invite(proposal, lead, owner.email, TeamInvitation.Kind.ORGANISATION)
    client.force_login(owner)
    url = reverse("ideas:invitation", kwargs={"token": token})
    assert org.name in client.get(url).content.decode()
    client.post(url, {"action": "accept", "organisation": org.pk})
    member = TeamMember.objects.get(proposal=proposal, organisation=org)
    colleague = partner(org)
    assert rules.can_edit_proposal(colleague, proposal)
    assert rules.can_leave_team(colleague, member)


def test_only_the_lead_invites_and_removes(client):
    proposal, lead = proposal_with_lead(status="draft")
    member_user = UserFactory()
    member = TeamMember.objects.create(proposal=proposal, user=member_user)
    with pytest.raises(proposal_services.ProposalError, match="Only the lead"):
        invite(proposal, member_user, "x@example.org")
    with pytest.raises(proposal_services.ProposalError):
        team_services.team_member_remove(member=member, by=member_user)
    lead_row = proposal.team.get(role=TeamMember.Role.LEAD)
    with pytest.raises(proposal_services.ProposalError, match="lead cannot be removed"):
        team_services.team_member_remove(member=lead_row, by=lead)
    client.force_login(lead)
    client.post(reverse("ideas:team-remove", kwargs={"pk": proposal.pk, "member_pk": member.pk}))
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    assert not rules.can_view_proposal(member_user, proposal) or proposal.is_public


def test_members_leave_but_the_lead_cannot(client):
    proposal, lead = proposal_with_lead(status="draft")
    member_user = UserFactory()
    member = TeamMember.objects.create(proposal=proposal, user=member_user)
    client.force_login(member_user)
    client.post(reverse("ideas:team-leave", kwargs={"pk": proposal.pk, "member_pk": member.pk}))
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    with pytest.raises(proposal_services.ProposalError, match="lead cannot leave"):
        team_services.team_leave(member=proposal.team.get(role=TeamMember.Role.LEAD), by=lead)


def test_team_page_invites_by_form(client, django_capture_on_commit_callbacks):
    proposal, lead = proposal_with_lead(status="draft")
    client.force_login(lead)
    url = reverse("ideas:proposal-team", kwargs={"pk": proposal.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"kind": "person", "email": "new@example.org"})
    assert response.status_code == 302
    assert TeamInvitation.objects.get().email == "new@example.org"
    # No account yet: a plain e-mail carries the link.
    assert re.search(r"/invitations/[\w-]+/", mail.outbox[0].body)
    response = client.post(url, {"kind": "organisation", "email": "nobody@example.org"})
    assert "No organisation owner has this e-mail address" in response.content.decode()
