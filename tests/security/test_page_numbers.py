"""Page numbers: a page that a list does not have — past its end, however large, or not a
number — answers 404 on every paginated page, and a JSON 400 or 404 in the API; never a 500."""

import pytest
from django.urls import reverse

from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db

HUGE = "1000000000000000000"  # past any 64-bit offset once multiplied by the page size
NOT_PAGES = [HUGE, "99", "0", "-1", "two", "1.5"]

PUBLIC_LISTS = [
    "search:catalogue",
    "marketplace:pilot-list",
    "marketplace:offering-list",
    "partners:organisation-list",
]
OWN_LISTS = ["ideas:my-proposals", "notifications:list"]


@pytest.fixture
def content(db):
    challenge = make_challenge(phase="voting", title="Lantern walks")
    return ProposalFactory(challenge=challenge, title="Evening lights")


@pytest.mark.parametrize("name", PUBLIC_LISTS)
def test_public_lists_answer_404_for_a_page_they_do_not_have(client, content, name):
    url = reverse(name)
    assert client.get(url).status_code == 200
    assert client.get(url + "?page=1").status_code == 200
    # The catalogue validates its parameters: what is not a number is a form error there.
    refused = (400, 404) if name == "search:catalogue" else (404,)
    for page in NOT_PAGES:
        assert client.get(url, {"page": page}).status_code in refused, page
    assert client.get(url, {"page": HUGE}).status_code == 404


@pytest.mark.parametrize("name", OWN_LISTS)
def test_signed_in_lists_answer_404_for_a_page_they_do_not_have(client, content, name):
    client.force_login(UserFactory())
    url = reverse(name)
    assert client.get(url).status_code == 200
    for page in NOT_PAGES:
        assert client.get(url, {"page": page}).status_code == 404, page


def test_catalogue_page_404_for_a_huge_page_with_words_and_filters(client, content):
    url = reverse("search:catalogue")
    for params in ({"q": "lights"}, {"kind": "proposal"}, {"sort": "title", "page_size": "100"}):
        assert client.get(url, {**params, "page": HUGE}).status_code == 404, params


@pytest.mark.parametrize(
    "path", ["/api/v1/catalogue/", "/api/v1/proposals/", "/api/v1/challenges/"]
)
def test_api_answers_json_404_for_a_huge_page(client, content, path):
    response = client.get(path, {"page": HUGE})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["errors"]
    bad = client.get(path, {"page": "two"})
    assert bad.status_code == 400
    assert "page" in bad.json()["errors"]


def test_elasticsearch_is_never_asked_past_its_result_window():
    """Elasticsearch refuses `from + size` beyond 10,000: a page deeper asks for counts only."""
    from search.engines.elastic import build_search
    from search.query import CatalogueQuery

    query = CatalogueQuery(text="museum", page=int(HUGE), page_size=100)
    body = build_search(query, language="en").to_dict()
    assert body.get("from", 0) + body.get("size", 10) <= 10_000
