from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partners import tokens
from partners.models import Membership, OrganisationInvitation
from partners.services import invitations as invitation_services
from tests.factories.partners import MembershipFactory, OrganisationInvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return MembershipFactory(role="owner")


def invite(client, owner, run_on_commit, email="invitee@example.org", role="member"):
    client.force_login(owner.user)
    with run_on_commit():
        response = client.post(
            reverse("partners:organisation-members", kwargs={"slug": owner.organisation.slug}),
            {"email": email, "role": role},
        )
    client.logout()
    return response


def test_owner_invites_by_email_and_invitee_accepts(client, owner, run_on_commit, mail_link):
    invitee = UserFactory(email="invitee@example.org", preferred_language="sv")
    assert invite(client, owner, run_on_commit).status_code == 302
    assert mail.outbox[0].to == ["invitee@example.org"]
    link = mail_link(mail.outbox[0])
    assert link.startswith("/sv/")  # the invitee's language
    client.force_login(invitee)
    page = client.get(link)
    assert page.status_code == 200
    assert owner.organisation.name in page.content.decode()
    response = client.post(link, {"action": "accept"})
    assert response.status_code == 302
    assert Membership.objects.get(organisation=owner.organisation, user=invitee).role == "member"
    assert OrganisationInvitation.objects.get().status == "accepted"


def test_reused_invitation_gets_its_own_page(client, owner, run_on_commit, mail_link):
    invitee = UserFactory(email="invitee@example.org")
    invite(client, owner, run_on_commit)
    link = mail_link(mail.outbox[0])
    client.force_login(invitee)
    client.post(link, {"action": "accept"})
    again = client.post(link, {"action": "accept"})
    assert again.status_code == 400
    assert "already been accepted" in again.content.decode()
    assert "already been accepted" in client.get(link).content.decode()
    assert Membership.objects.filter(user=invitee).count() == 1


def test_expired_invitation_gets_its_own_page(client, owner):
    invitee = UserFactory(email="invitee@example.org")
    with time_machine.travel(
        timezone.now() - timedelta(seconds=settings.TORI_INVITATION_MAX_AGE + 60)
    ):
        invitation = invitation_services.invitation_create(
            organisation=owner.organisation, invited_by=owner.user, email="invitee@example.org"
        )
        token = tokens.make_invitation_token(invitation)
    client.force_login(invitee)
    url = reverse("partners:invitation", kwargs={"token": token})
    response = client.post(url, {"action": "accept"})
    assert response.status_code == 400
    assert "This invitation has expired" in response.content.decode()
    assert not Membership.objects.filter(user=invitee).exists()


def test_declined_invitation_cannot_be_accepted_later(client, owner):
    invitation = OrganisationInvitationFactory(
        organisation=owner.organisation, email="invitee@example.org"
    )
    url = reverse("partners:invitation", kwargs={"token": tokens.make_invitation_token(invitation)})
    declined = client.post(url, {"action": "decline"})  # works without signing in
    assert declined.status_code == 200
    assert "You declined" in declined.content.decode()
    client.force_login(UserFactory(email="invitee@example.org"))
    response = client.post(url, {"action": "accept"})
    assert response.status_code == 400
    assert "has been declined" in response.content.decode()
    assert not Membership.objects.filter(user__email="invitee@example.org").exists()


def test_revoked_invitation_gets_its_own_page(client, owner):
    invitation = OrganisationInvitationFactory(
        organisation=owner.organisation, email="invitee@example.org"
    )
    client.force_login(owner.user)
    client.post(
        reverse(
            "partners:organisation-invitation-revoke",
            kwargs={"slug": owner.organisation.slug, "pk": invitation.pk},
        )
    )
    url = reverse("partners:invitation", kwargs={"token": tokens.make_invitation_token(invitation)})
    assert "withdrawn" in client.get(url).content.decode()


def test_wrong_account_cannot_accept(client, owner):
    invitation = OrganisationInvitationFactory(
        organisation=owner.organisation, email="invitee@example.org"
    )
    url = reverse("partners:invitation", kwargs={"token": tokens.make_invitation_token(invitation)})
    other = UserFactory(email="someone.else@example.org")
    client.force_login(other)
    page = client.get(url).content.decode()
    assert "but this invitation is for invitee@example.org" in page
    response = client.post(url, {"action": "accept"})
    assert response.status_code == 403
    assert "sent to another e-mail address" in response.content.decode()
    assert not Membership.objects.filter(user=other).exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_visitor_is_asked_to_sign_in_or_register_with_the_address(client, owner):
    invitation = OrganisationInvitationFactory(
        organisation=owner.organisation, email="invitee@example.org"
    )
    url = reverse("partners:invitation", kwargs={"token": tokens.make_invitation_token(invitation)})
    html = client.get(url).content.decode()
    assert "sign in or register with invitee@example.org" in html
    response = client.post(url, {"action": "accept"})
    assert response.status_code == 302
    assert reverse("partners:login") in response["Location"]


def test_new_person_registers_from_the_invitation_and_accepts(client, owner, run_on_commit):
    invitation = OrganisationInvitationFactory(
        organisation=owner.organisation, email="fresh@example.org", role="owner"
    )
    url = reverse("partners:invitation", kwargs={"token": tokens.make_invitation_token(invitation)})
    with run_on_commit():
        response = client.post(
            reverse("partners:register"),
            {
                "email": "fresh@example.org",
                "display_name": "Fresh",
                "preferred_language": "en",
                "password1": "quite-a-rare-secret-1",
                "password2": "quite-a-rare-secret-1",
                "next": url,
            },
        )
    assert response["Location"] == url
    # Registering signs nobody in; the new person signs in with the password just chosen.
    assert client.login(email="fresh@example.org", password="quite-a-rare-secret-1")  # noqa: S106
    client.post(url, {"action": "accept"})
    membership = Membership.objects.get(user__email="fresh@example.org")
    assert membership.role == "owner"
    assert membership.user.is_verified  # the invitation link proved the address


def test_tampered_token_is_refused(client):
    response = client.get(reverse("partners:invitation", kwargs={"token": "nonsense"}))
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()


def test_inviting_an_existing_member_is_refused_on_the_field(client, owner, run_on_commit):
    response = invite(client, owner, run_on_commit, email=owner.user.email.upper())
    assert response.status_code == 400
    assert "already a member" in response.content.decode()
    assert not mail.outbox


def test_member_cannot_invite(client, owner):
    member = MembershipFactory(organisation=owner.organisation, role="member")
    client.force_login(member.user)
    response = client.post(
        reverse("partners:organisation-members", kwargs={"slug": owner.organisation.slug}),
        {"email": "x@example.org", "role": "owner"},
    )
    assert response.status_code == 403
    assert not OrganisationInvitation.objects.exists()
