"""The FilterSet shared by the catalogue page and the API."""

import pytest

from search.filters import CatalogueFilterSet
from tests.factories.cms import CustomerGroupFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_valid_parameters_become_a_catalogue_query():
    CustomerGroupFactory(slug="seniors")
    ThemeFactory(slug="digital")
    data = {
        "q": "lantern",
        "kind": ["offering", "pilot"],
        "customer_group": ["seniors"],
        "theme": ["digital"],
        "stage": ["voting", "running"],
        "organisation_kind": ["research"],
        "city": ["espoo"],
        "year": ["2026"],
        "sort": "votes",
        "page": "2",
        "page_size": "50",
    }
    from django.http import QueryDict

    params = QueryDict(mutable=True)
    for key, value in data.items():
        params.setlist(key, value if isinstance(value, list) else [value])
    filterset = CatalogueFilterSet(params)

    assert filterset.is_valid(), filterset.errors
    query = filterset.catalogue_query(user=None)
    assert query.text == "lantern"
    assert query.filters == {
        "kind": ["offering", "pilot"],
        "customer_group": ["seniors"],
        "theme": ["digital"],
        "stage": ["voting", "running"],
        "organisation_kind": ["research"],
        "city": ["espoo"],
        "year": ["2026"],
    }
    assert (query.sort, query.page, query.page_size) == ("votes", 2, 50)


def test_defaults():
    filterset = CatalogueFilterSet({})
    assert filterset.is_valid()
    query = filterset.catalogue_query()
    assert (query.text, query.filters, query.sort, query.page, query.page_size) == (
        "",
        {},
        "newest",
        1,
        20,
    )
    assert CatalogueFilterSet({"q": "museum"}).catalogue_query().sort == "relevance"


def test_errors_are_keyed_by_parameter():
    filterset = CatalogueFilterSet(
        {"theme": "nope", "page_size": "500", "page": "0", "city": "stockholm"}
    )

    assert not filterset.is_valid()
    assert set(filterset.errors) == {"theme", "page_size", "page", "city"}
    assert all(isinstance(m, str) for messages in filterset.errors.values() for m in messages)
