"""A resident's own statement of their customer groups: optional, explained, with consent;
sensitive groups only with explicit consent; removable; in the data export; gone on erasure."""

import json

import pytest

from cms import rules
from cms.models import CustomerGroupMembership
from partners.privacy import erase_account, export_user_data_json
from tests.factories.cms import CustomerGroupFactory, translate_snippet
from tests.factories.partners import UserFactory, make_role

pytestmark = pytest.mark.django_db

URL = "/en/account/customer-groups/"
REMOVE = "/en/account/customer-groups/remove/"


@pytest.fixture
def groups():
    seniors = CustomerGroupFactory(name="Seniors", slug="seniors")
    translate_snippet(seniors, "en", name="Seniors (en)")
    families = CustomerGroupFactory(name="Families", slug="families")
    memory = CustomerGroupFactory(name="Memory disorders", slug="memory", sensitive=True)
    return seniors, families, memory


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("visitor", False),
        ("unverified", True),
        ("resident", True),
        ("partner_member", True),
        ("evaluator", True),
        ("editor", True),
        ("moderator", True),
        ("superuser", True),
    ],
)
def test_everyone_signed_in_may_state_and_remove_their_own_groups(role, allowed):
    user = make_role(role)
    assert rules.can_state_customer_groups(user) is allowed
    assert rules.can_remove_customer_groups(user) is allowed


def test_visitors_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302
    assert client.post(REMOVE).status_code == 302


def test_the_form_explains_why_and_names_each_original_group_once_in_the_active_language(
    client, groups
):
    client.force_login(UserFactory())
    html = client.get(URL).content.decode()
    assert "at least 5 people" in html
    assert "never shown per person" in html
    assert html.count("Seniors (en)") == 1
    assert ">Seniors<" not in html
    # The sensitive group is asked on its own, with a consent tick.
    assert "I belong to the group “Memory disorders”." in html
    assert "explicit consent" in html


def test_saving_records_consent_and_a_change_replaces_the_statement(client, groups):
    seniors, families, _memory = groups
    user = UserFactory()
    client.force_login(user)
    response = client.post(URL, {"groups": [str(seniors.pk), str(families.pk)]})
    assert response.status_code == 302
    rows = CustomerGroupMembership.objects.filter(user=user)
    assert {m.group_id for m in rows} == {seniors.pk, families.pk}
    assert all(m.consented_at is not None and not m.explicit_consent for m in rows)
    kept = rows.get(group=seniors).consented_at
    client.post(URL, {"groups": [str(seniors.pk)]})
    assert list(rows.values_list("group_id", flat=True)) == [seniors.pk]
    assert rows.get().consented_at == kept


def test_a_sensitive_group_needs_the_explicit_consent_tick(client, groups):
    _seniors, _families, memory = groups
    user = UserFactory()
    client.force_login(user)
    response = client.post(URL, {f"sensitive_{memory.pk}": "on"})
    assert response.status_code == 400
    assert "Tick the consent as well" in response.content.decode()
    assert not CustomerGroupMembership.objects.filter(user=user).exists()
    client.post(URL, {f"sensitive_{memory.pk}": "on", f"consent_{memory.pk}": "on"})
    membership = CustomerGroupMembership.objects.get(user=user)
    assert membership.group == memory and membership.explicit_consent


def test_a_sensitive_group_cannot_come_in_through_the_ordinary_list(client, groups):
    user = UserFactory()
    client.force_login(user)
    response = client.post(URL, {"groups": [str(groups[2].pk)]})
    assert response.status_code == 400
    assert not CustomerGroupMembership.objects.filter(user=user).exists()


def test_remove_all_withdraws_the_whole_statement(client, groups):
    user = UserFactory()
    other = UserFactory()
    for person in (user, other):
        CustomerGroupMembership.objects.create(user=person, group=groups[0])
    client.force_login(user)
    assert "Remove all my customer groups" in client.get(URL).content.decode()
    assert client.post(REMOVE).status_code == 302
    assert not CustomerGroupMembership.objects.filter(user=user).exists()
    assert CustomerGroupMembership.objects.filter(user=other).exists()
    assert client.get(REMOVE).status_code == 405


def test_the_profile_links_to_the_statement(client):
    client.force_login(UserFactory())
    assert URL in client.get("/en/account/").content.decode()


def test_memberships_are_in_the_data_export_and_gone_after_erasure(groups):
    user = UserFactory()
    CustomerGroupMembership.objects.create(user=user, group=groups[2], explicit_consent=True)
    export = json.loads(export_user_data_json(user=user))
    rows = export["related"]["cms.CustomerGroupMembership.user"]
    assert rows[0]["fields"]["group"] == groups[2].pk
    assert rows[0]["fields"]["explicit_consent"] is True
    erase_account(user=user)
    assert not CustomerGroupMembership.objects.exists()


def test_no_admin_lists_memberships_per_person(admin_client):
    from wagtail.admin.viewsets import viewsets
    from wagtail.snippets.models import get_snippet_models

    assert CustomerGroupMembership not in get_snippet_models()
    assert all(getattr(v, "model", None) is not CustomerGroupMembership for v in viewsets.viewsets)
