"""Residents sign up to test a running pilot in a slot with places left, and cancel; a full
slot refuses clearly; the team sees contact details only of those who agreed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.models import CustomerGroupMembership
from ideas.models import TeamMember
from marketplace import rules
from marketplace.models import TesterSignup as Signup
from marketplace.models import TesterSlot as Slot
from marketplace.services import breakdowns
from marketplace.services import testers as tester_services
from marketplace.services.common import MarketplaceError
from tests.factories.cms import CustomerGroupFactory
from tests.factories.marketplace import make_pilot
from tests.factories.partners import UserFactory, make_role

pytestmark = pytest.mark.django_db


def slot_for(pilot, capacity=2, mode="on_site"):
    start = timezone.now() + timedelta(days=3)
    return Slot.objects.create(
        pilot=pilot,
        mode=mode,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="KAMU, Leppävaara",
        capacity=capacity,
    )


@pytest.fixture
def pilot():
    return make_pilot(stage="running")


ROLES = [
    "visitor",
    "unverified",
    "resident",
    "partner_member",
    "evaluator",
    "editor",
    "moderator",
    "superuser",
]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_sign_up_and_who_manages_slots(pilot, role):
    user = make_role(role)
    verified = role not in ("visitor", "unverified")
    assert rules.can_sign_up_to_test(user, pilot) is verified
    staff = role in ("editor", "moderator", "superuser")
    assert rules.can_manage_tester_slots(user, pilot) is staff


def test_the_team_cannot_test_its_own_pilot_but_manages_its_slots(pilot):
    member = UserFactory()
    TeamMember.objects.create(
        proposal=pilot.proposal, user=member, role=TeamMember.Role.CO_DEVELOPER
    )
    assert not rules.can_sign_up_to_test(member, pilot)
    assert rules.can_manage_tester_slots(member, pilot)


@pytest.mark.parametrize(
    "stage, open_",
    [("planned", False), ("running", True), ("evaluating", False), ("completed", False)],
)
def test_testing_is_open_only_while_the_pilot_runs(stage, open_):
    assert rules.is_testing_open(make_pilot(stage=stage)) is open_


def test_only_the_person_cancels_their_own_active_signup(pilot):
    signup = tester_services.signup_create(slot=slot_for(pilot), user=UserFactory())
    assert rules.can_cancel_tester_signup(signup.user, signup)
    for role in ROLES:
        assert not rules.can_cancel_tester_signup(make_role(role), signup), role


def test_a_resident_signs_up_on_the_pilot_page_and_cancels(client, pilot):
    slot = slot_for(pilot)
    group = CustomerGroupFactory(name="Seniors")
    sensitive = CustomerGroupFactory(name="Memory disorders", sensitive=True)
    user = UserFactory()
    client.force_login(user)
    html = client.get(f"/en/pilots/{pilot.pk}/").content.decode()
    assert "Sign up to test" in html and "places left: 2" in html
    assert "Memory disorders" not in html  # sensitive groups are never asked here
    response = client.post(
        f"/en/pilots/{pilot.pk}/testers/",
        {
            "slot": slot.pk,
            "access_needs": "Step-free access",
            "may_contact": "on",
            "customer_group": group.pk,
        },
    )
    assert response.status_code == 302
    signup = Signup.objects.get(user=user)
    assert signup.may_contact and signup.access_needs == "Step-free access"
    assert signup.customer_group == group and signup.email == user.email
    assert "Cancel my sign-up" in client.get(f"/en/pilots/{pilot.pk}/").content.decode()
    client.post(f"/en/pilots/testers/{signup.pk}/cancel/")
    signup.refresh_from_db()
    assert signup.cancelled_at is not None
    assert sensitive.pk  # used


def test_a_full_slot_refuses_with_a_clear_message(client, pilot):
    slot = slot_for(pilot, capacity=1)
    tester_services.signup_create(slot=slot, user=UserFactory())
    with pytest.raises(MarketplaceError, match="full"):
        tester_services.signup_create(slot=slot, user=UserFactory())
    client.force_login(UserFactory())
    response = client.post(f"/en/pilots/{pilot.pk}/testers/", {"slot": slot.pk}, follow=True)
    assert "this time is full" in response.content.decode()
    assert Signup.objects.filter(slot=slot).count() == 1


def test_one_active_signup_per_person_per_slot(pilot):
    slot = slot_for(pilot, capacity=5)
    user = UserFactory()
    tester_services.signup_create(slot=slot, user=user)
    with pytest.raises(MarketplaceError, match="already"):
        tester_services.signup_create(slot=slot, user=user)


def test_the_team_sees_contacts_only_of_those_who_agreed(client, pilot):
    slot = slot_for(pilot, capacity=10)
    yes = UserFactory(display_name="Aino Contactable")
    no = UserFactory(display_name="Bertil Private")
    tester_services.signup_create(
        slot=slot, user=yes, may_contact=True, access_needs="Hearing loop"
    )
    tester_services.signup_create(slot=slot, user=no, may_contact=False, access_needs="Secret need")
    member = UserFactory()
    TeamMember.objects.create(
        proposal=pilot.proposal, user=member, role=TeamMember.Role.CO_DEVELOPER
    )
    client.force_login(member)
    html = client.get(f"/en/pilots/{pilot.pk}/workspace/").content.decode()
    assert "Aino Contactable" in html and "Hearing loop" in html
    assert "Bertil Private" not in html and "Secret need" not in html and no.email not in html
    assert "1 more person signed up without agreeing to be contacted." in html


def test_the_team_adds_a_slot_and_bad_times_are_refused(client, pilot):
    member = UserFactory()
    TeamMember.objects.create(
        proposal=pilot.proposal, user=member, role=TeamMember.Role.CO_DEVELOPER
    )
    client.force_login(member)
    url = f"/en/pilots/{pilot.pk}/workspace/tester-slots/"
    data = {
        "slot-mode": "remote",
        "slot-starts_at": "2026-12-16T14:00",
        "slot-ends_at": "2026-12-16T13:00",
        "slot-capacity": 4,
    }
    response = client.post(url, data)
    assert (
        response.status_code == 400
        and "The end must be after the start." in response.content.decode()
    )
    data["slot-ends_at"] = "2026-12-16T15:00"
    assert client.post(url, data).status_code == 302
    assert Slot.objects.get(pilot=pilot).capacity == 4
    client.force_login(UserFactory())
    assert client.post(url, data).status_code == 404


def test_tester_counts_by_customer_group_are_suppressed(pilot):
    slot = slot_for(pilot, capacity=50)
    group = CustomerGroupFactory(name="Families")
    for _ in range(7):
        user = UserFactory()
        CustomerGroupMembership.objects.create(user=user, group=group)
        tester_services.signup_create(slot=slot, user=user)
    for _ in range(2):
        tester_services.signup_create(slot=slot, user=UserFactory())
    table = breakdowns.pilot_testers(pilot)
    rows = {r.key: r for r in table.rows}
    assert rows["none"].total.hidden
    assert rows[str(group.pk)].total.count in (None, 7)
    assert table.totals.total.count == 9
