"""Every rule about people and organisations, for every role (see docs/roles.md)."""

import pytest

from partners import rules
from tests.factories.partners import ROLES, MembershipFactory, OrganisationFactory, make_role

pytestmark = pytest.mark.django_db

V, U, R, PM, PO, EV, ED, MO, SU = ROLES
SIGNED_IN = {U, R, PM, PO, EV, ED, MO, SU}
VERIFIED = {R, PM, PO, EV, ED, MO, SU}

# rule: the roles for which it is True. Organisation rules are asked about the organisation
# the partner roles belong to.
USER_RULES = {
    "is_signed_in": SIGNED_IN,
    "is_verified": VERIFIED,
    "can_take_part": VERIFIED,
    "can_edit_profile": SIGNED_IN,
    "is_partner": {PM, PO},
    "is_editor": {ED, SU},
    "is_moderator": {MO, SU},
    "is_staff_member": {ED, MO, SU},
    "is_evaluator": {EV},
    "can_access_admin": {EV, ED, MO, SU},
    "can_manage_users": {SU},
    "can_view_deliveries": {SU},
    "can_enter_on_behalf": {ED, MO, SU},
    "can_manage_capabilities": {ED, MO, SU},
    "can_create_organisation": VERIFIED,
    "can_verify_organisation": {MO, SU},
}
ORGANISATION_RULES = {
    "can_view_organisation": set(ROLES),
    "is_member_of": {PM, PO},
    "is_owner_of": {PO},
    "can_edit_organisation": {PO, MO, SU},
    "can_manage_members": {PO},
    "can_invite_to_organisation": {PO},
    "can_leave_organisation": {PM, PO},
}


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", sorted(USER_RULES))
def test_user_rule_for_role(rule, role, organisation):
    user = make_role(role, organisation)
    assert getattr(rules, rule)(user) is (role in USER_RULES[rule])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", sorted(ORGANISATION_RULES))
def test_organisation_rule_for_role(rule, role, organisation):
    user = make_role(role, organisation)
    assert getattr(rules, rule)(user, organisation) is (role in ORGANISATION_RULES[rule])


@pytest.mark.parametrize("role", [PM, PO])
@pytest.mark.parametrize("rule", sorted(ORGANISATION_RULES))
def test_partners_have_no_rights_in_another_organisation(rule, role, organisation):
    user = make_role(role, organisation)
    other = OrganisationFactory()
    expected = rule == "can_view_organisation"
    assert getattr(rules, rule)(user, other) is expected


def test_an_unverified_owner_cannot_manage_or_invite(organisation):
    owner = MembershipFactory(
        organisation=organisation, role="owner", user__email_verified_at=None
    ).user
    assert not rules.can_manage_members(owner, organisation)
    assert not rules.can_invite_to_organisation(owner, organisation)
    assert not rules.can_edit_organisation(owner, organisation)
    assert rules.can_leave_organisation(owner, organisation)


def test_an_inactive_account_has_no_rights(organisation):
    user = make_role("superuser", organisation)
    user.is_active = False
    assert not rules.is_signed_in(user)
    assert not rules.can_access_admin(user)
    assert not rules.can_edit_organisation(user, organisation)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "view_name", ["wagtailadmin_home", "wagtail_bulk_action", "wagtailadmin_choose_page_search"]
)
def test_can_open_admin_view(view_name, role, organisation):
    """Evaluators keep only their dashboard; every other role is left to Wagtail's permissions."""
    user = make_role(role, organisation)
    expected = role != EV or view_name == "wagtailadmin_home"
    assert rules.can_open_admin_view(user, view_name) is expected


def test_an_evaluator_who_is_also_an_editor_opens_every_admin_view(organisation):
    user = make_role(EV, organisation)
    user.groups.add(make_role(ED, organisation).groups.get())
    user = type(user).objects.get(pk=user.pk)  # group names are cached per user object
    assert rules.can_open_admin_view(user, "wagtail_bulk_action")


OTHER_RULES = {"can_open_admin_view"}  # asked with more than a user: tested above


def test_every_public_rule_is_covered():
    public = {
        name
        for name in dir(rules)
        if (name.startswith("can_") or name.startswith("is_")) and callable(getattr(rules, name))
    }
    assert public == set(USER_RULES) | set(ORGANISATION_RULES) | OTHER_RULES
