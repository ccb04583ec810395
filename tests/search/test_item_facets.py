"""A customer group or theme is one facet value whichever language copy an entry is tagged
with, even when the copies have different slugs: one count, one label in the page's language,
and a filter by any copy's slug finds every entry tagged with the item."""

import pytest
from django.test import Client

from search.catalogue import search
from search.query import CatalogueQuery
from tests.factories.cms import CustomerGroupFactory, translate_snippet
from tests.factories.marketplace import make_offering

from .conftest import ENGINES

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(indexed):
    with indexed():
        seniors = CustomerGroupFactory(name="Seniorit", slug="seniorit")
        swedish = translate_snippet(seniors, "sv", name="Seniorer", slug="seniorer")
        make_offering(title="Muistikahvila", customer_groups=[seniors])
        make_offering(title="Minneskafé", customer_groups=[swedish])
    return seniors, swedish


@pytest.mark.parametrize("engine", ENGINES)
def test_one_facet_value_counts_both_copies(engine, tagged):
    if engine == "elasticsearch":
        from search import indexing

        indexing.rebuild(engine="elasticsearch")
    result = search(CatalogueQuery(text="", language="sv"), engine=engine)
    values = {v.value: (v.label, v.count) for v in result.facets["customer_group"]}
    assert values == {"seniorit": ("Seniorer", 2)}
    for slug in ("seniorit", "seniorer"):
        page = Client(HTTP_ACCEPT_LANGUAGE="sv").get(f"/sv/catalogue/?customer_group={slug}")
        html = page.content.decode()
        assert "Muistikahvila" in html and "Minneskafé" in html, slug
