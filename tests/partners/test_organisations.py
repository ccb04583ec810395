import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import City, Membership, Organisation
from partners.services import organisations as organisation_services
from partners.validators import validate_business_id
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def company_data(**overrides):
    return {
        "name": "Uusi Yritys Oy",
        "kind": "company",
        "business_id": "0201256-6",
        "city": "espoo",
        "website": "https://example.org",
        "description": "",
        "capabilities": "",
        **overrides,
    }


# --- Business ID --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0201256-6", "1572860-0", "0737546-2"])
def test_valid_business_ids_pass(value):
    validate_business_id(value)


def post_create(client, **overrides):
    client.force_login(UserFactory())
    return client.post(reverse("partners:organisation-create"), company_data(**overrides))


def test_creating_a_company_with_a_valid_business_id_makes_the_creator_its_owner(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("partners:organisation-create"), company_data())
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.slug == "uusi-yritys-oy"
    assert Membership.objects.get(organisation=organisation).user == user
    assert Membership.objects.get(organisation=organisation).role == "owner"


def test_wrong_check_digit_gets_its_own_message_on_the_field(client):
    response = post_create(client, business_id="0201256-5")
    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["business_id"]] == ["business_id_check_digit"]
    assert "wrong check digit" in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("value", ["02012566", "0201256-", "abcdefg-1", "1234567-12", "0201256 6"])
def test_malformed_business_id_gets_its_own_message_on_the_field(client, value):
    response = post_create(client, business_id=value)
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["business_id"]] == ["business_id_format"]
    assert "seven digits, a hyphen and a check digit" in response.content.decode()


def test_company_without_business_id_is_refused_on_the_field(client):
    response = post_create(client, business_id="")
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["business_id"]] == ["business_id_required"]
    assert "A company needs its Business ID" in response.content.decode()


def test_association_needs_no_business_id(client):
    response = post_create(client, kind="association", business_id="")
    assert response.status_code == 302


def test_duplicate_business_id_is_refused_on_the_field(client):
    OrganisationFactory(business_id="0201256-6")
    response = post_create(client)
    assert "already registered" in response.content.decode()


def test_unverified_user_cannot_create_an_organisation(client):
    client.force_login(UserFactory(unverified=True))
    response = client.post(reverse("partners:organisation-create"), company_data())
    assert response.status_code == 403
    assert "Confirm your e-mail address" in response.content.decode()
    assert not Organisation.objects.exists()


def test_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("partners:organisation-create"))
    assert response.status_code == 302
    assert reverse("partners:login") in response["Location"]


# --- Edit ---------------------------------------------------------------------------------


def test_owner_edits_the_organisation(client):
    membership = MembershipFactory(role="owner")
    client.force_login(membership.user)
    organisation = membership.organisation
    url = reverse("partners:organisation-edit", kwargs={"slug": organisation.slug})
    assert client.get(url).status_code == 200
    data = company_data(name="Renamed Oy", business_id=organisation.business_id)
    response = client.post(url, data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Renamed Oy"


def test_member_cannot_edit_the_organisation(client):
    membership = MembershipFactory(role="member")
    client.force_login(membership.user)
    url = reverse("partners:organisation-edit", kwargs={"slug": membership.organisation.slug})
    assert client.post(url, company_data(name="Hijacked")).status_code == 403
    membership.organisation.refresh_from_db()
    assert membership.organisation.name != "Hijacked"


# --- Profile page -------------------------------------------------------------------------


def test_public_profile_page_shows_the_organisation_and_its_members(client):
    membership = MembershipFactory(role="owner", user__display_name="Olli Owner")
    organisation = membership.organisation
    response = client.get(organisation.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert organisation.name in html
    assert "Olli Owner" in html
    assert "Edit the profile" not in html


def test_profile_page_of_unknown_slug_is_404(client):
    assert (
        client.get(reverse("partners:organisation-detail", kwargs={"slug": "nope"})).status_code
        == 404
    )


# --- Directory ----------------------------------------------------------------------------


def names(response):
    return {o.name for o in response.context["organisations"]}


@pytest.fixture
def directory():
    OrganisationFactory(name="Espoo Company", kind="company", city=City.ESPOO)
    OrganisationFactory(name="Helsinki Company", kind="company", city=City.HELSINKI)
    OrganisationFactory(name="Espoo Research", kind="research", business_id="", city=City.ESPOO)
    OrganisationFactory(name="Turku Research", kind="research", business_id="", city=City.TURKU)
    OrganisationFactory(
        name="Espoo Association", kind="association", business_id="", city=City.ESPOO
    )


def test_directory_lists_all_without_filters(client, directory):
    response = client.get(reverse("partners:organisation-list"))
    assert response.status_code == 200
    assert len(names(response)) == 5


def test_values_inside_one_filter_are_ored(client, directory):
    response = client.get(reverse("partners:organisation-list"), {"kind": ["company", "research"]})
    assert names(response) == {
        "Espoo Company",
        "Helsinki Company",
        "Espoo Research",
        "Turku Research",
    }


def test_filters_are_anded_across(client, directory):
    response = client.get(
        reverse("partners:organisation-list"),
        {"kind": ["company", "research"], "city": ["espoo", "turku"]},
    )
    assert names(response) == {"Espoo Company", "Espoo Research", "Turku Research"}


def test_filter_form_uses_checkboxes_with_labels(client, directory):
    html = client.get(reverse("partners:organisation-list"), {"kind": "company"}).content.decode()
    assert 'type="checkbox" name="kind" value="company"' in html
    assert "checked" in html
    assert "<legend>" in html


def test_invalid_filter_value_does_not_break_the_page(client, directory):
    response = client.get(reverse("partners:organisation-list"), {"kind": "spaceship"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    # A page the list does not have is missing, not the first page.
    assert client.get(reverse("partners:organisation-list"), {"page": "x"}).status_code == 404


def test_directory_is_paginated_and_keeps_filters(client):
    OrganisationFactory.create_batch(25, kind="company")
    response = client.get(reverse("partners:organisation-list"), {"kind": "company"})
    assert len(response.context["organisations"]) == 20
    assert "kind=company&amp;page=2" in response.content.decode()
    assert (
        len(
            client.get(
                reverse("partners:organisation-list"), {"kind": "company", "page": 2}
            ).context["organisations"]
        )
        == 5
    )


def _count_queries(client, params):
    client.get(reverse("partners:organisation-list"), params)  # warm the site chrome cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("partners:organisation-list"), params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("params", [{}, {"kind": ["company", "research"], "city": "espoo"}])
def test_directory_query_count_is_the_same_for_5_and_100_organisations(client, params):
    for organisation in OrganisationFactory.create_batch(5, city=City.ESPOO):
        MembershipFactory(organisation=organisation)
    few = _count_queries(client, params)
    for organisation in OrganisationFactory.create_batch(95, city=City.ESPOO):
        MembershipFactory(organisation=organisation)
    many = _count_queries(client, params)
    assert few == many


def test_profile_page_query_count_does_not_grow_with_members(client):
    organisation = OrganisationFactory()
    MembershipFactory.create_batch(5, organisation=organisation)
    url = organisation.get_absolute_url()
    client.get(url)  # warm the site chrome cache (cms.cache)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    MembershipFactory.create_batch(95, organisation=organisation)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few.captured_queries) == len(many.captured_queries)


def test_service_creates_unique_slugs():
    user = UserFactory()
    first = organisation_services.organisation_create(
        creator=user, name="Same", kind="association", city="espoo"
    )
    second = organisation_services.organisation_create(
        creator=user, name="Same", kind="association", city="espoo"
    )
    assert first.slug != second.slug
