"""Query budgets: every public page and API list answers in at most 15 SQL queries, and in the
same number at small and at large volume. `make bench` reports the same figures."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.management.scale.seed import seed, showcase
from tests.bench.pages import page_urls

BUDGET = 15

pytestmark = pytest.mark.django_db


def _counts(client, urls: dict) -> dict:
    counts = {}
    for name, url in urls.items():
        client.get(url)  # first-request work (caches, lazy settings) is not the page's cost
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(ctx.captured_queries)
    return counts


def _volume(*, entries_scale: int, proposals: int, comments: int) -> dict:
    seed(
        stream=io.StringIO(),
        challenges=2,
        proposals=40 * entries_scale,
        votes=50 * entries_scale,
        comments=30 * entries_scale,
        pilots=5 * entries_scale,
        offerings=40 * entries_scale,
        organisations=5 * entries_scale,
        users=20 * entries_scale,
    )
    return page_urls(showcase(proposals=proposals, comments=comments))


@pytest.fixture
def budgets(client):
    small = _counts(client, _volume(entries_scale=1, proposals=5, comments=5))
    large = _counts(client, _volume(entries_scale=4, proposals=60, comments=40))
    return small, large


def test_every_public_page_and_api_list_stays_within_15_queries(budgets):
    small, large = budgets
    over = {name: count for name, count in {**small, **large}.items() if count > BUDGET}
    assert not over, f"over {BUDGET} queries: {over}"


def test_query_counts_do_not_grow_with_volume(budgets):
    small, large = budgets
    assert small == large
