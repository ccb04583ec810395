import io

import pytest
from django.contrib.auth.models import Group

from partners import demo, rules
from partners.models import Membership, Organisation, User
from partners.validators import validate_business_id

pytestmark = pytest.mark.django_db


def test_the_three_groups_exist_with_admin_access():
    for name in ("Editors", "Moderators", "Evaluators"):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists(), name


def test_editors_and_moderators_keep_wagtails_page_permissions():
    assert Group.objects.get(name="Editors").page_permissions.exists()
    assert (
        Group.objects.get(name="Moderators")
        .page_permissions.filter(permission__codename="publish_page")
        .exists()
    )
    assert not Group.objects.get(name="Evaluators").page_permissions.exists()


def test_moderators_may_change_organisations_and_editors_may_not():
    assert (
        Group.objects.get(name="Moderators")
        .permissions.filter(codename="change_organisation")
        .exists()
    )
    assert (
        not Group.objects.get(name="Editors")
        .permissions.filter(codename="change_organisation")
        .exists()
    )


def test_demo_seed_is_idempotent_and_builds_every_role():
    out = io.StringIO()
    demo.seed(stdout=out)
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    demo.seed(stdout=out)
    assert (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
    ) == counts

    assert Organisation.objects.filter(name="Espoon kaupunginmuseo KAMU", kind="public").exists()
    for kind in Organisation.Kind.values:
        organisations = Organisation.objects.filter(kind=kind)
        assert organisations.count() >= 3, kind
        for organisation in organisations:
            assert organisation.memberships.filter(role="owner").exists()
    for organisation in Organisation.objects.filter(kind="company"):
        validate_business_id(organisation.business_id)

    assert rules.is_verified(demo.demo_user("resident"))
    assert not rules.is_verified(demo.demo_user("unverified"))
    partner = demo.demo_user("partner")
    assert Membership.objects.get(user=partner, organisation__kind="company").role == "owner"
    researcher = demo.demo_user("researcher")
    assert Membership.objects.get(user=researcher, organisation__kind="research").role == "member"
    assert rules.is_evaluator(demo.demo_user("evaluator"))
    assert rules.is_editor(demo.demo_user("editor"))
    assert rules.is_moderator(demo.demo_user("moderator"))
    assert demo.demo_user("admin").is_superuser
    for key in demo.ACCOUNTS:
        assert demo.demo_user(key).check_password(demo.DEMO_PASSWORD)


def test_print_accounts_lists_every_account_with_its_password():
    out = io.StringIO()
    demo.print_accounts(stdout=out)
    text = out.getvalue()
    for email, *_rest in demo.ACCOUNTS.values():
        assert email in text
    assert demo.DEMO_PASSWORD in text
