import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from partners.models import Organisation, User
from tests.factories.partners import OrganisationFactory, UserFactory, make_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_superuser_opens_the_users_list(admin_client):
    UserFactory(display_name="Listed Person")
    response = admin_client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 200
    assert "Listed Person" in response.content.decode()


def test_superuser_creates_a_user_with_our_fields(admin_client):
    editors = Group.objects.get(name="Editors")
    page = admin_client.get(reverse("wagtailusers_users:add"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="display_name"' in html
    assert 'name="first_name"' not in html
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "New.Editor@Example.org",
            "display_name": "New Editor",
            "preferred_language": "sv",
            "password1": "an-unusual-secret-88",
            "password2": "an-unusual-secret-88",
            "groups": [editors.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(email="new.editor@example.org")
    assert user.display_name == "New Editor"
    assert user.preferred_language == "sv"
    assert list(user.groups.all()) == [editors]
    assert user.check_password("an-unusual-secret-88")


def test_superuser_edits_a_user(admin_client):
    user = UserFactory(email="someone@example.org", unverified=True)
    url = reverse("wagtailusers_users:edit", args=[user.pk])
    assert admin_client.get(url).status_code == 200
    moderators = Group.objects.get(name="Moderators")
    response = admin_client.post(
        url,
        {
            "email": "someone@example.org",
            "display_name": "Renamed",
            "preferred_language": "en",
            "email_verified": "on",
            "is_active": "on",
            "groups": [moderators.pk],
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    user.refresh_from_db()
    assert user.display_name == "Renamed"
    assert user.is_verified
    assert list(user.groups.all()) == [moderators]


def test_admin_refuses_a_duplicate_email(admin_client):
    UserFactory(email="taken@example.org")
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "taken@example.org",
            "display_name": "Dup",
            "preferred_language": "fi",
            "password1": "an-unusual-secret-88",
            "password2": "an-unusual-secret-88",
        },
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("resident", 302),
        ("partner_owner", 302),
        ("evaluator", 200),
        ("editor", 200),
        ("moderator", 200),
    ],
)
def test_admin_dashboard_access_by_role(client, role, status):
    client.force_login(make_role(role))
    assert client.get("/admin/").status_code == status


def test_moderator_verifies_an_organisation_in_the_admin(client):
    organisation = OrganisationFactory(verified=False)
    client.force_login(make_role("moderator"))
    index = client.get(reverse("organisations:index"), {"kind": "company", "verified": "false"})
    assert index.status_code == 200
    assert organisation.name in index.content.decode()
    url = reverse("organisations:edit", args=[organisation.pk])
    assert client.get(url).status_code == 200
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "business_id": organisation.business_id,
        "city": organisation.city,
        "website": "",
        "description": "",
        "capabilities": "",
        "verified": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.verified


def test_editor_cannot_change_organisations_in_the_admin(client):
    organisation = OrganisationFactory()
    client.force_login(make_role("editor"))
    response = client.get(reverse("organisations:edit", args=[organisation.pk]))
    assert response.status_code in (302, 403)
    assert Organisation.objects.get(pk=organisation.pk).verified is False


def test_admin_filter_by_city(client):
    OrganisationFactory(name="In Oulu", city="oulu")
    OrganisationFactory(name="In Turku", city="turku")
    client.force_login(make_role("superuser"))
    html = client.get(reverse("organisations:index"), {"city": "oulu"}).content.decode()
    assert "In Oulu" in html
    assert "In Turku" not in html
