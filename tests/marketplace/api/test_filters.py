"""Every filter; several values of one filter match any (OR), different filters all (AND)."""

import pytest

from ideas.models import ProposalStatus
from partners.models import Organisation
from tests.factories.cms import CustomerGroupFactory, ThemeFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_offering, make_pilot
from tests.factories.partners import OrganisationFactory

pytestmark = pytest.mark.django_db


def ids(client, path, params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def titles(client, path, params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["results"]}


@pytest.fixture
def taxonomy():
    return {
        "seniors": CustomerGroupFactory(slug="seniors"),
        "families": CustomerGroupFactory(slug="families"),
        "schools": CustomerGroupFactory(slug="schools"),
        "digital": ThemeFactory(slug="digital"),
        "family": ThemeFactory(slug="family"),
    }


def test_challenge_filters(client, taxonomy):
    t = taxonomy
    make_challenge(
        phase="proposals", title="A", customer_groups=[t["seniors"]], themes=[t["digital"]]
    )
    make_challenge(
        phase="voting", title="B", customer_groups=[t["families"]], themes=[t["digital"]]
    )
    make_challenge(
        phase="closed",
        title="C",
        customer_groups=[t["seniors"], t["schools"]],
        themes=[t["family"]],
    )
    make_challenge(phase="upcoming", title="D")
    make_challenge(phase="evaluation", title="E", voting=False)
    make_challenge(phase="piloting", title="F")
    path = "/api/v1/challenges/"

    assert titles(client, path, {"phase": "proposals"}) == {"A"}
    assert titles(client, path, {"phase": "upcoming"}) == {"D"}
    assert titles(client, path, {"phase": "evaluation"}) == {"E"}
    assert titles(client, path, {"phase": "piloting"}) == {"F"}
    assert titles(client, path, {"phase": ["voting", "closed"]}) == {"B", "C"}
    assert titles(client, path, {"customer_group": "seniors"}) == {"A", "C"}
    assert titles(client, path, {"customer_group": ["families", "schools"]}) == {"B", "C"}
    assert titles(client, path, {"theme": "digital"}) == {"A", "B"}
    assert titles(client, path, {"theme": ["digital", "family"]}) == {"A", "B", "C"}
    # AND across filters
    assert titles(client, path, {"customer_group": "seniors", "theme": "digital"}) == {"A"}
    assert titles(client, path, {"customer_group": "seniors", "phase": "closed"}) == {"C"}
    assert titles(client, path, {"customer_group": "families", "phase": "closed"}) == set()


def test_proposal_filters(client, taxonomy):
    t = taxonomy
    one = make_challenge(phase="evaluation", title="One")
    two = make_challenge(phase="evaluation", title="Two")
    research = OrganisationFactory(kind=Organisation.Kind.RESEARCH, business_id="")
    association = OrganisationFactory(kind=Organisation.Kind.ASSOCIATION, business_id="")
    a = ProposalFactory(challenge=one, title="a", status=ProposalStatus.SUBMITTED)
    a.customer_groups.set([t["seniors"]])
    b = ProposalFactory(
        challenge=one, title="b", status=ProposalStatus.SHORTLISTED, lead_organisation=research
    )
    b.customer_groups.set([t["families"], t["seniors"]])
    ProposalFactory(
        challenge=two, title="c", status=ProposalStatus.SELECTED, lead_organisation=association
    )
    ProposalFactory(
        challenge=two, title="d", status=ProposalStatus.DECLINED, lead_organisation=None
    )
    path = "/api/v1/proposals/"

    assert titles(client, path, {"challenge": one.pk}) == {"a", "b"}
    assert titles(client, path, {"challenge": [one.pk, two.pk]}) == {"a", "b", "c", "d"}
    assert titles(client, path, {"status": "selected"}) == {"c"}
    assert titles(client, path, {"status": ["submitted", "declined"]}) == {"a", "d"}
    assert titles(client, path, {"customer_group": "seniors"}) == {"a", "b"}
    assert titles(client, path, {"customer_group": ["families", "schools"]}) == {"b"}
    assert titles(client, path, {"organisation_kind": "company"}) == {"a"}
    assert titles(client, path, {"organisation_kind": ["research", "association"]}) == {"b", "c"}
    # AND across filters
    assert titles(client, path, {"challenge": one.pk, "status": "shortlisted"}) == {"b"}
    assert titles(client, path, {"customer_group": "seniors", "organisation_kind": "company"}) == {
        "a"
    }
    assert titles(client, path, {"challenge": two.pk, "customer_group": "seniors"}) == set()


def test_pilot_filters(client):
    one = make_challenge(phase="piloting", title="One")
    two = make_challenge(phase="piloting", title="Two")
    p1 = ProposalFactory(challenge=one, status=ProposalStatus.SELECTED)
    p2 = ProposalFactory(challenge=one, status=ProposalStatus.SELECTED)
    p3 = ProposalFactory(challenge=two, status=ProposalStatus.SELECTED)
    make_pilot(proposal=p1, title="planned", stage="planned")
    make_pilot(proposal=p2, title="adopted", stage="completed", outcome="adopted")
    make_pilot(proposal=p3, title="discontinued", stage="completed", outcome="discontinued")
    path = "/api/v1/pilots/"

    assert titles(client, path, {"stage": "planned"}) == {"planned"}
    assert titles(client, path, {"stage": ["planned", "completed"]}) == {
        "planned",
        "adopted",
        "discontinued",
    }
    assert titles(client, path, {"outcome": "adopted"}) == {"adopted"}
    assert titles(client, path, {"outcome": ["adopted", "continued"]}) == {"adopted"}
    assert titles(client, path, {"challenge": one.pk}) == {"planned", "adopted"}
    assert titles(client, path, {"challenge": [one.pk, two.pk]}) == {
        "planned",
        "adopted",
        "discontinued",
    }
    # AND across filters
    assert titles(client, path, {"challenge": two.pk, "stage": "completed"}) == {"discontinued"}
    assert titles(client, path, {"challenge": one.pk, "outcome": "discontinued"}) == set()


def test_offering_filters(client, taxonomy):
    t = taxonomy
    company = OrganisationFactory()
    research = OrganisationFactory(kind=Organisation.Kind.RESEARCH, business_id="")
    make_offering(
        title="a",
        providers=[company],
        customer_groups=[t["seniors"]],
        themes=[t["digital"]],
        cities=["espoo"],
    )
    make_offering(
        title="b",
        providers=[company, research],
        customer_groups=[t["families"]],
        themes=[t["family"]],
        cities=["helsinki", "vantaa"],
    )
    make_offering(
        title="c", providers=[research], customer_groups=[t["seniors"], t["schools"]], cities=[]
    )
    path = "/api/v1/offerings/"

    assert titles(client, path, {"customer_group": "seniors"}) == {"a", "c"}
    assert titles(client, path, {"customer_group": ["families", "schools"]}) == {"b", "c"}
    assert titles(client, path, {"theme": "digital"}) == {"a"}
    assert titles(client, path, {"theme": ["digital", "family"]}) == {"a", "b"}
    assert titles(client, path, {"city": "vantaa"}) == {"b"}
    assert titles(client, path, {"city": ["espoo", "helsinki"]}) == {"a", "b"}
    assert titles(client, path, {"organisation_kind": "research"}) == {"b", "c"}
    assert titles(client, path, {"organisation_kind": ["company", "research"]}) == {"a", "b", "c"}
    # AND across filters
    assert titles(client, path, {"customer_group": "seniors", "organisation_kind": "company"}) == {
        "a"
    }
    assert titles(
        client, path, {"city": "helsinki", "theme": "family", "organisation_kind": "research"}
    ) == {"b"}
    assert titles(client, path, {"city": "espoo", "theme": "family"}) == set()


def test_offering_city_matches_whole_codes_only(client):
    make_offering(title="other", cities=["other"])
    make_offering(title="espoo", cities=["espoo"])
    assert titles(client, "/api/v1/offerings/", {"city": "espoo"}) == {"espoo"}


def test_organisation_filters(client):
    OrganisationFactory(name="a", city="espoo")
    OrganisationFactory(name="b", kind=Organisation.Kind.RESEARCH, business_id="", city="helsinki")
    OrganisationFactory(name="c", kind=Organisation.Kind.PUBLIC, business_id="", city="espoo")
    path = "/api/v1/organisations/"

    def names(params):
        return {o["name"] for o in client.get(path, params).json()["results"]}

    assert names({"kind": "research"}) == {"b"}
    assert names({"kind": ["research", "public"]}) == {"b", "c"}
    assert names({"city": "espoo"}) == {"a", "c"}
    assert names({"city": ["espoo", "helsinki"]}) == {"a", "b", "c"}
    assert names({"kind": "public", "city": "espoo"}) == {"c"}
    assert names({"kind": "research", "city": "espoo"}) == set()


def test_taxonomy_filters_match_translated_snippets(client, taxonomy):
    """A slug matches the snippet whatever language the object links."""
    from wagtail.models import Locale

    sv_seniors = taxonomy["seniors"].copy_for_translation(Locale.objects.get(language_code="sv"))
    sv_seniors.name = "Seniorer"
    sv_seniors.slug = "seniorer"
    sv_seniors.save()
    make_offering(title="linked to the translation", customer_groups=[sv_seniors])
    assert titles(client, "/api/v1/offerings/", {"customer_group": "seniors"}) == {
        "linked to the translation"
    }


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/challenges/", {"phase": "later"}),
        ("/api/v1/challenges/", {"customer_group": "nobody"}),
        ("/api/v1/challenges/", {"theme": ["digital", "nothing"]}),
        ("/api/v1/proposals/", {"challenge": "abc"}),
        ("/api/v1/proposals/", {"challenge": "999999"}),
        ("/api/v1/proposals/", {"challenge": "99999999999999999999999"}),
        ("/api/v1/proposals/", {"status": "draft"}),
        ("/api/v1/proposals/", {"organisation_kind": "person"}),
        ("/api/v1/pilots/", {"stage": "flying"}),
        ("/api/v1/pilots/", {"outcome": ["", "maybe"]}),
        ("/api/v1/offerings/", {"city": "stockholm"}),
        ("/api/v1/organisations/", {"kind": "guild"}),
    ],
)
def test_unknown_filter_values_are_a_400_naming_the_parameter(client, taxonomy, path, params):
    response = client.get(path, params)
    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["errors"]
    assert list(body["errors"]) == list(params)
    assert all(isinstance(m, str) and m for m in body["errors"][next(iter(params))])
