import pytest
from django.urls import reverse

from partners.models import Membership
from partners.services import invitations as invitation_services
from partners.services import memberships as membership_services
from partners.services.errors import AlreadyMember, LastOwnerError
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def owner(organisation):
    return MembershipFactory(organisation=organisation, role="owner")


@pytest.fixture
def member(organisation):
    return MembershipFactory(organisation=organisation, role="member")


def test_last_owner_cannot_be_removed(owner):
    with pytest.raises(LastOwnerError):
        membership_services.membership_remove(membership=owner)
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_last_owner_cannot_be_demoted(owner):
    with pytest.raises(LastOwnerError):
        membership_services.membership_set_role(membership=owner, role="member")
    owner.refresh_from_db()
    assert owner.role == "owner"


def test_an_owner_can_go_when_another_owner_remains(owner, member):
    membership_services.membership_set_role(membership=member, role="owner")
    membership_services.membership_remove(membership=owner)
    assert list(Membership.objects.values_list("role", flat=True)) == ["owner"]


def test_last_owner_cannot_leave_and_gets_a_clear_message(client, owner):
    client.force_login(owner.user)
    response = client.post(
        reverse("partners:organisation-leave", kwargs={"slug": owner.organisation.slug}),
        follow=True,
    )
    assert "You are the last owner" in response.content.decode()
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_owner_cannot_remove_themself_when_last(client, owner, member):
    client.force_login(owner.user)
    url = reverse(
        "partners:organisation-member-remove",
        kwargs={"slug": owner.organisation.slug, "pk": owner.pk},
    )
    response = client.post(url, follow=True)
    assert "must always have at least one owner" in response.content.decode()
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_owner_cannot_demote_themself_when_last(client, owner):
    client.force_login(owner.user)
    url = reverse(
        "partners:organisation-member-role",
        kwargs={"slug": owner.organisation.slug, "pk": owner.pk},
    )
    response = client.post(url, {"role": "member"}, follow=True)
    assert "must always have at least one owner" in response.content.decode()
    owner.refresh_from_db()
    assert owner.role == "owner"


def test_member_leaves(client, owner, member):
    client.force_login(member.user)
    client.post(reverse("partners:organisation-leave", kwargs={"slug": owner.organisation.slug}))
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_owner_removes_a_member(client, owner, member):
    client.force_login(owner.user)
    url = reverse(
        "partners:organisation-member-remove",
        kwargs={"slug": owner.organisation.slug, "pk": member.pk},
    )
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_owner_promotes_a_member(client, owner, member):
    client.force_login(owner.user)
    url = reverse(
        "partners:organisation-member-role",
        kwargs={"slug": owner.organisation.slug, "pk": member.pk},
    )
    client.post(url, {"role": "owner"})
    member.refresh_from_db()
    assert member.role == "owner"


def test_owner_hands_over_ownership(client, owner, member):
    client.force_login(owner.user)
    url = reverse(
        "partners:organisation-hand-over", kwargs={"slug": owner.organisation.slug, "pk": member.pk}
    )
    assert client.post(url).status_code == 302
    owner.refresh_from_db()
    member.refresh_from_db()
    assert (owner.role, member.role) == ("member", "owner")


def test_member_cannot_manage_members(client, owner, member):
    client.force_login(member.user)
    slug = owner.organisation.slug
    assert (
        client.get(reverse("partners:organisation-members", kwargs={"slug": slug})).status_code
        == 403
    )
    url = reverse("partners:organisation-member-remove", kwargs={"slug": slug, "pk": owner.pk})
    assert client.post(url).status_code == 403
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_cannot_touch_a_membership_of_another_organisation(client, owner):
    stranger = MembershipFactory(role="member")
    client.force_login(owner.user)
    url = reverse(
        "partners:organisation-member-remove",
        kwargs={"slug": owner.organisation.slug, "pk": stranger.pk},
    )
    assert client.post(url).status_code == 404


def test_members_page_lists_members_and_pending_invitations(client, owner, member):
    invitation_services.invitation_create(
        organisation=owner.organisation, invited_by=owner.user, email="new@example.org"
    )
    client.force_login(owner.user)
    html = client.get(
        reverse("partners:organisation-members", kwargs={"slug": owner.organisation.slug})
    ).content.decode()
    assert member.user.display_name in html
    assert "new@example.org" in html


def test_adding_an_existing_member_is_refused(organisation, member):
    with pytest.raises(AlreadyMember):
        membership_services.membership_add(organisation=organisation, user=member.user)


def test_get_is_not_allowed_for_membership_changes(client, owner, member):
    client.force_login(owner.user)
    url = reverse(
        "partners:organisation-member-remove",
        kwargs={"slug": owner.organisation.slug, "pk": member.pk},
    )
    assert client.get(url).status_code == 405


def test_non_member_leave_is_refused(client, organisation):
    client.force_login(UserFactory())
    response = client.post(
        reverse("partners:organisation-leave", kwargs={"slug": organisation.slug})
    )
    assert response.status_code == 403
