"""`/api/v1/catalogue/`: the same hits and facet counts as the catalogue page.

Runs once the `search` app's catalogue interface is merged and the route is wired (see
marketplace/api/catalogue.py); skipped before that.
"""

import io

import pytest
from django.core.management import call_command

from ideas.models import ProposalStatus
from tests.factories.cms import CustomerGroupFactory, ThemeFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_offering, make_pilot

pytest.importorskip("search.catalogue", reason="the search app's catalogue arrives at the merge")

pytestmark = pytest.mark.django_db
PATH = "/api/v1/catalogue/"


@pytest.fixture
def catalogue():
    seniors = CustomerGroupFactory(slug="seniors", name="Seniors")
    families = CustomerGroupFactory(slug="families", name="Families")
    digital = ThemeFactory(slug="digital", name="Digital")
    challenge = make_challenge(
        phase="piloting", title="Senior museum", customer_groups=[seniors], themes=[digital]
    )
    make_challenge(phase="proposals", title="Family weekends", customer_groups=[families])
    proposal = ProposalFactory(
        challenge=challenge, title="Senior story walks", status=ProposalStatus.SELECTED
    )
    proposal.customer_groups.set([seniors])
    ProposalFactory(challenge=challenge, title="Hidden senior draft", status=ProposalStatus.DRAFT)
    pilot = make_pilot(proposal=proposal, title="Senior walks pilot", stage="running")
    make_offering(
        title="Senior audio walks",
        summary="Audio walks for seniors.",
        customer_groups=[seniors],
        themes=[digital],
        pilot=pilot,
    )
    make_offering(title="Family museum kit", customer_groups=[families], cities=["vantaa"])
    make_offering(title="Unpublished senior thing", published=False)
    call_command("search_index", "--rebuild", stdout=io.StringIO())


PARAMS = [
    {},
    {"q": "senior"},
    {"kind": "offering"},
    {"kind": ["offering", "pilot"], "customer_group": "seniors"},
    {"customer_group": ["seniors", "families"], "theme": "digital"},
    {"q": "walks", "sort": "title"},
    {"city": "vantaa"},
    {"page_size": 2, "page": 2},
]


@pytest.mark.parametrize("params", PARAMS)
def test_same_hits_and_facets_as_the_catalogue_page(client, catalogue, params):
    api = client.get(PATH, params)
    assert api.status_code == 200, api.content
    body = api.json()
    page = client.get("/en/catalogue/", params).context["result"]
    assert body["count"] == page.total
    assert [(h["kind"], h["id"]) for h in body["results"]] == [(h.kind, h.id) for h in page.hits]
    for name, values in body["facets"].items():
        assert {v["value"]: v["count"] for v in values} == page.facet_counts(name), name
    assert set(body) == {"count", "next", "previous", "results", "facets"}
    titles = " ".join(h["title"] for h in body["results"])
    assert "Hidden" not in titles and "Unpublished" not in titles


def test_hit_shape(client, catalogue):
    hit = client.get(PATH, {"q": "audio", "kind": "offering"}).json()["results"][0]
    assert {
        "kind",
        "id",
        "title",
        "summary",
        "url",
        "highlight",
        "customer_groups",
        "themes",
        "stage",
        "cities",
        "year",
    } <= set(hit)
    assert hit["customer_groups"] == ["seniors"]
    assert "<mark>" in hit["highlight"]


def test_a_selected_facet_keeps_its_siblings(client, catalogue):
    facets = client.get(PATH, {"kind": "offering"}).json()["facets"]
    kinds = {v["value"]: v for v in facets["kind"]}
    assert kinds["offering"]["selected"] is True
    assert kinds["pilot"]["count"] >= 1 and kinds["pilot"]["selected"] is False


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"kind": "person"}, "kind"),
        ({"page_size": 101}, "page_size"),
        ({"sort": "random"}, "sort"),
        ({"page": "x"}, "page"),
        ({"lang": "de"}, "lang"),
        ({"year": "1066"}, "year"),
    ],
)
def test_bad_parameters_are_400(client, catalogue, params, parameter):
    response = client.get(PATH, params)
    assert response.status_code == 400
    assert parameter in response.json()["errors"]


def test_page_past_the_end_is_404(client, catalogue):
    response = client.get(PATH, {"page": 50})
    assert response.status_code == 404
    assert list(response.json()["errors"]) == ["detail"]


def test_catalogue_is_in_the_document(client):
    paths = client.get("/api/v1/schema/").json()["paths"]
    assert "/api/v1/catalogue/" in paths
