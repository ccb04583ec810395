"""The list envelope and its bounds, error shapes, methods, throttling and CORS."""

import pytest

from tests.factories.partners import OrganisationFactory

pytestmark = pytest.mark.django_db

PATH = "/api/v1/organisations/"
LISTS = ["challenges", "proposals", "pilots", "offerings", "organisations"]


@pytest.fixture
def organisations():
    return [OrganisationFactory(name=f"Organisation {n:02d}") for n in range(25)]


def test_default_page_is_20_with_links(client, organisations):
    body = client.get(PATH).json()
    assert body["count"] == 25
    assert len(body["results"]) == 20
    assert body["previous"] is None
    assert body["next"] == f"http://testserver{PATH}?page=2"
    second = client.get(body["next"]).json()
    assert len(second["results"]) == 5
    assert second["next"] is None
    assert second["previous"] == f"http://testserver{PATH}"
    names = [o["name"] for o in body["results"] + second["results"]]
    assert names == sorted(names) and len(set(names)) == 25


def test_page_size_and_links_keep_the_filters(client, organisations):
    body = client.get(PATH, {"page_size": 10, "page": 2, "city": "espoo"}).json()
    assert len(body["results"]) == 10
    assert (
        "page=3" in body["next"] and "page_size=10" in body["next"] and "city=espoo" in body["next"]
    )
    assert "page=1" in body["previous"] or "page=" not in body["previous"]
    assert client.get(PATH, {"page_size": 100}).json()["count"] == 25
    assert len(client.get(PATH, {"page_size": 100}).json()["results"]) == 25


@pytest.mark.parametrize("name", LISTS)
def test_empty_list_is_an_empty_first_page(client, name):
    assert client.get(f"/api/v1/{name}/").json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_page_past_the_end_is_404(client, organisations):
    response = client.get(PATH, {"page": 3})
    assert response.status_code == 404
    assert list(response.json()["errors"]) == ["detail"]
    assert client.get(PATH, {"page": 2}).status_code == 200


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page_size": 101}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
        ({"page_size": "-5"}, "page_size"),
        ({"page": 0}, "page"),
        ({"page": "last"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": "²"}, "page"),
        ({"lang": "de"}, "lang"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, params, parameter):
    response = client.get(PATH, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == ["errors"]
    assert list(body["errors"]) == [parameter]
    assert len(body["errors"][parameter]) == 1 and isinstance(body["errors"][parameter][0], str)


def test_every_bad_parameter_is_reported_at_once(client):
    body = client.get(PATH, {"page_size": 500, "page": "x", "kind": "guild", "lang": "xx"}).json()
    assert set(body["errors"]) == {"page_size", "page", "kind", "lang"}


def test_bad_lang_on_a_detail_is_400(client):
    organisation = OrganisationFactory()
    response = client.get(f"{PATH}{organisation.pk}/", {"lang": "de"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["lang"]


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing/", "/api/v1/organisations/abc/", "/api/v1/organisations/0/"]
)
def test_unknown_addresses_are_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["detail"]


def test_huge_ids_are_404(client):
    assert client.get(f"{PATH}{10**30}/").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path", ["/api/v1/organisations/", "/api/v1/organisations/1/", "/api/v1/challenges/"]
)
def test_writes_are_405_with_json(client, method, path):
    OrganisationFactory()
    response = getattr(client, method)(path, data={}, content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["detail"]
    assert "GET" in response["Allow"] and method.upper() not in response["Allow"]


def test_head_is_allowed(client):
    assert client.head(PATH).status_code == 200


def test_answers_are_json_whatever_the_accept_header(client):
    response = client.get(PATH, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_anonymous_clients_are_throttled_per_address(client, settings):
    settings.TORI_API_THROTTLE_RATE = "3/min"
    for _ in range(3):
        assert client.get(PATH).status_code == 200
    response = client.get(PATH)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert list(response.json()["errors"]) == ["detail"]
    # Every endpoint counts against the same address; another address is not affected.
    assert client.get("/api/v1/challenges/").status_code == 429
    assert client.get(PATH, REMOTE_ADDR="10.1.2.3").status_code == 200


def test_forwarded_for_header_cannot_dodge_the_throttle(client, settings):
    settings.TORI_API_THROTTLE_RATE = "2/min"
    for n in range(2):
        client.get(PATH, headers={"X-Forwarded-For": f"192.0.2.{n}"})
    assert client.get(PATH, headers={"X-Forwarded-For": "192.0.2.99"}).status_code == 429


def test_default_throttle_rate_is_120_a_minute():
    from marketplace.site.settings import base

    assert base.TORI_API_THROTTLE_RATE == "120/min"


def test_cross_origin_get_is_allowed_from_any_origin(client):
    response = client.get(PATH, headers={"Origin": "https://data.example.net"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight_allows_get(client):
    response = client.options(
        PATH, headers={"Origin": "https://data.example.net", "Access-Control-Request-Method": "GET"}
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_bad_lang_on_the_root_is_400(client):
    response = client.get("/api/v1/", {"lang": "klingon"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["lang"]


@pytest.mark.parametrize(
    "params",
    [
        {"page": str(10**40)},
        {"page": ""},
        {"page_size": ""},
        {"lang": ""},
        {"kind": ["company", "company"]},
        {"city": "\x00"},
        {"page": "\u0661"},  # an Arabic-Indic digit one: a digit to Python, not a page number
    ],
)
def test_odd_values_never_500(client, params):
    OrganisationFactory()
    assert client.get(PATH, params).status_code in (200, 400, 404)
