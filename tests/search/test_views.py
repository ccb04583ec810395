"""The catalogue page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from search.documents import EntryData, TextVersion
from search.engines import database as db_index
from tests.factories.cms import CustomerGroupFactory
from tests.factories.marketplace import make_offering

pytestmark = pytest.mark.django_db

URL = "/{}/catalogue/"


def test_linked_from_the_main_navigation(client, catalogue):
    response = client.get("/en/catalogue/")
    assert b'href="/en/catalogue/"' in response.content


@pytest.mark.parametrize(
    ("language", "heading", "legend"),
    [("fi", "Catalogue", "Type"), ("sv", "Catalogue", "Type"), ("en", "Catalogue", "Type")],
)
def test_page_in_three_languages_with_facets_in_fieldsets(
    client, catalogue, language, heading, legend
):
    response = client.get(URL.format(language))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert '<label for="id_q">' in html
    assert "<fieldset>" in html and "<legend>" in html
    assert 'type="checkbox" name="customer_group" value="seniors"' in html
    assert 'name="sort"' in html


def test_filters_narrow_results_and_each_can_be_removed(client, catalogue):
    response = client.get("/en/catalogue/", {"customer_group": "seniors", "kind": "proposal"})
    html = response.content.decode()

    assert "Evening tours" in html and "Lantern walks" not in html
    assert re.search(r'value="seniors" id="facet-customer_group-\d" checked', html)
    assert re.search(r'value="families" id="facet-customer_group-\d">', html)
    # Removing the customer group keeps the kind, and the other way round.
    assert 'href="?kind=proposal"' in html
    assert 'href="?customer_group=seniors"' in html
    assert "Clear all filters" in html


def test_highlights_are_escaped_and_marked(client, indexed):
    with indexed():
        make_offering(title="Kit", summary="5 < 6 & a lantern <em>glows</em>")

    html = client.get("/en/catalogue/", {"q": "lantern"}).content.decode()

    assert "5 &lt; 6 &amp; a <mark>lantern</mark> glows" in html
    assert "<em>" not in html


def test_empty_state_helps(client, catalogue):
    response = client.get("/en/catalogue/", {"q": "zebra", "city": "espoo"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing in the catalogue matches" in html
    assert "Browse the whole catalogue" in html
    assert 'href="?q=zebra"' in html  # remove the city filter


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"theme": "no-such-theme"}, "theme"),
        ({"kind": "person"}, "kind"),
        ({"page_size": "101"}, "page_size"),
        ({"page": "abc"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"year": "1800"}, "year"),
        ({"sort": "random"}, "sort"),
        ({"stage": "draft"}, "stage"),
    ],
)
def test_bad_parameters_are_form_errors_not_500(client, catalogue, params, field):
    response = client.get("/en/catalogue/", params)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "Start a new search" in response.content.decode()


def test_page_past_the_end_is_not_found(client, catalogue):
    assert client.get("/en/catalogue/", {"page": "9"}).status_code == 404


def test_pagination_links(client, catalogue):
    html = client.get("/en/catalogue/", {"page_size": "3", "sort": "title"}).content.decode()

    assert "Evening tours" in html and "Quiet mornings" not in html
    assert 'href="?page_size=3&amp;sort=title&amp;page=2" rel="next"' in html


def _entries(n):
    now = timezone.now()
    return [
        EntryData(
            kind="offering",
            object_id=i,
            language="en",
            texts=[TextVersion("en", f"Lantern {i}", "Walks for seniors", "")],
            urls={"fi": f"/fi/o/{i}/", "sv": f"/sv/o/{i}/", "en": f"/en/o/{i}/"},
            date=now,
            customer_groups=["seniors", f"group-{i % 7}"],
            themes=["digital"],
            cities=["espoo"],
            organisation_kinds=["company"],
        )
        for i in range(1, n + 1)
    ]


@pytest.mark.parametrize("params", [{}, {"q": "lantern", "customer_group": "seniors"}])
def test_query_count_is_the_same_for_5_and_100_entries(client, params):
    CustomerGroupFactory(slug="seniors", name="Seniors")
    counts = []
    for n in (5, 100):
        db_index.replace_all(_entries(n))
        client.get("/en/catalogue/", params)  # warm caches (locale, site)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/catalogue/", {**params, "page_size": "100"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_unreachable_elasticsearch_gives_a_clear_503_and_the_site_still_works(
    client, settings, catalogue
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 1

    response = client.get("/en/catalogue/", {"q": "lantern"})

    assert response.status_code == 503
    assert "Search is unavailable" in response.content.decode()
    with translation.override("en"):
        assert client.get(reverse("partners:organisation-list")).status_code == 200


def test_unreachable_elasticsearch_falls_back_to_the_database_when_set(client, settings, catalogue):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 1
    settings.SEARCH_FALLBACK_TO_DATABASE = True

    response = client.get("/en/catalogue/", {"q": "lantern"})

    assert response.status_code == 200
    assert "Lantern walks" in response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_hit_customer_groups_link_their_profiles_in_the_language(client, catalogue, language):
    html = client.get(URL.format(language), {"kind": "offering"}).content.decode()

    tags = re.findall(r'<dl class="hit-tags">.*?</dl>', html, re.S)
    assert any(f'<a href="/{language}/customer-groups/seniors/">Seniors</a>' in tag for tag in tags)
