"""Where the OpenAPI document and the answers must agree: empty filter values, challenge ids,
the catalogue's parameters and addresses, over-long queries and the throttle's answer."""

import io

import jsonschema
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from ideas.models import ProposalStatus
from marketplace.models import ProcurementMethod
from marketplace.services.procurement import procurement_save
from search.query import STAGE_LABELS
from tests.factories.cms import CustomerGroupFactory, ThemeFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_offering, make_pilot

pytestmark = pytest.mark.django_db

CATALOGUE = "/api/v1/catalogue/"
# Every repeatable filter of every list, and of the catalogue.
FILTERS = {
    "/api/v1/challenges/": ["phase", "customer_group", "theme"],
    "/api/v1/proposals/": ["challenge", "status", "customer_group", "organisation_kind"],
    "/api/v1/pilots/": ["stage", "outcome", "challenge"],
    "/api/v1/offerings/": ["customer_group", "theme", "city", "organisation_kind"],
    "/api/v1/organisations/": ["kind", "city"],
    CATALOGUE: ["kind", "customer_group", "theme", "stage", "organisation_kind", "city", "year"],
}
EVERY_FILTER = [(path, name) for path, names in FILTERS.items() for name in names]


@pytest.fixture
def world():
    seniors = CustomerGroupFactory(slug="seniors")
    digital = ThemeFactory(slug="digital")
    challenge = make_challenge(phase="piloting", customer_groups=[seniors], themes=[digital])
    proposal = ProposalFactory(challenge=challenge, status=ProposalStatus.SELECTED)
    proposal.customer_groups.set([seniors])
    pilot = make_pilot(proposal=proposal, stage="running")
    offering = make_offering(pilot=pilot, customer_groups=[seniors], themes=[digital])
    call_command("search_index", "--rebuild", stdout=io.StringIO())
    return {"challenge": challenge, "proposal": proposal, "pilot": pilot, "offering": offering}


@pytest.fixture
def document(client):
    return client.get("/api/v1/schema/").json()


def operation(document, path):
    return document["paths"][path]["get"]


def parameter(document, path, name):
    return next(p for p in operation(document, path)["parameters"] if p["name"] == name)


# --- An empty filter value is no filter ---------------------------------------------------
@pytest.mark.parametrize(("path", "name"), EVERY_FILTER)
def test_an_empty_filter_value_is_no_filter(client, world, path, name):
    everything = client.get(path).json()["count"]
    assert everything >= 1
    response = client.get(f"{path}?{name}=")
    assert response.status_code == 200, response.content
    assert response.json()["count"] == everything


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("/api/v1/challenges/", "theme", "digital"),
        ("/api/v1/proposals/", "status", "submitted"),
        (CATALOGUE, "stage", "running"),
    ],
)
def test_an_empty_value_beside_others_changes_nothing(client, world, path, name, value):
    alone = client.get(f"{path}?{name}={value}").json()
    assert client.get(f"{path}?{name}=&{name}={value}&{name}=").json() == alone


@pytest.mark.parametrize(("path", "name"), EVERY_FILTER)
def test_the_document_allows_an_empty_filter_value(document, path, name):
    definition = parameter(document, path, name)
    assert definition["allowEmptyValue"] is True
    jsonschema.validate([""], definition["schema"])
    jsonschema.validate(["", ""], definition["schema"])


def test_the_document_allows_an_empty_sort(client, world, document):
    jsonschema.validate("", parameter(document, CATALOGUE, "sort")["schema"])
    assert client.get(f"{CATALOGUE}?sort=").status_code == 200


# --- Challenge ids --------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/v1/proposals/", "/api/v1/pilots/"])
def test_challenge_ids_are_documented_as_the_api_takes_them(client, world, document, path):
    items = parameter(document, path, "challenge")["schema"]["items"]
    for value in (0, -1, 2**63):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(value, items)
        response = client.get(path, {"challenge": value})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["challenge"]
    known = world["challenge"].pk
    jsonschema.validate(known, items)
    assert client.get(path, {"challenge": known}).json()["count"] == 1


# --- The catalogue's parameters and addresses -----------------------------------------------
def test_the_catalogue_stage_is_one_of_the_documented_values(client, world, document):
    enum = parameter(document, CATALOGUE, "stage")["schema"]["items"]["enum"]
    assert set(enum) - {""} == set(STAGE_LABELS)
    for stage in STAGE_LABELS:
        assert client.get(CATALOGUE, {"stage": stage}).status_code == 200
    assert client.get(CATALOGUE, {"stage": "draft"}).status_code == 400


def test_the_catalogue_year_is_documented_with_its_bounds(client, world, document):
    items = parameter(document, CATALOGUE, "year")["schema"]["items"]
    last = timezone.localdate().year + 5
    for year in (2000, timezone.localdate().year, last):
        jsonschema.validate(year, items)
        assert client.get(CATALOGUE, {"year": year}).status_code == 200
    for year in (1999, last + 1):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(year, items)
        assert client.get(CATALOGUE, {"year": year}).status_code == 400


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_catalogue_hit_links_to_the_absolute_address_of_its_page(client, world, language):
    hits = client.get(CATALOGUE, {"lang": language}).json()["results"]
    assert {hit["kind"] for hit in hits} == {"challenge", "proposal", "pilot", "offering"}
    lists = {
        kind: {
            o["id"]: o["url"]
            for o in client.get(f"/api/v1/{kind}s/", {"lang": language}).json()["results"]
        }
        for kind in ("challenge", "proposal", "pilot", "offering")
    }
    for hit in hits:
        assert hit["url"].startswith(f"{django_settings.SITE_URL}/"), hit
        if hit["kind"] != "challenge":  # an untranslated challenge has its original's page
            assert hit["url"].startswith(f"{django_settings.SITE_URL}/{language}/"), hit
        # The same address as the object's own `url`.
        assert hit["url"] == lists[hit["kind"]][hit["id"]]


# --- Over-long queries ----------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/v1/challenges/", "/api/v1/pilots/1/", CATALOGUE])
@pytest.mark.parametrize(
    "query",
    ["x=" + "a" * 3999, "&".join(["theme=digital"] * 300), "&".join(["a"] * 2001)],
    ids=["4001 characters", "300 repeated filters", "2001 parameters"],
)
def test_an_over_long_query_is_a_json_414(client, path, query):
    response = client.get(f"{path}?{query}", headers={"Accept-Language": "sv"})
    assert response.status_code == 414
    assert response["Content-Type"] == "application/json"
    message = response.json()["errors"]["detail"][0]
    assert "4" in message and "000" in message and "Adressen är för lång" in message


def test_a_query_just_within_the_limit_is_answered(client):
    assert client.get("/api/v1/challenges/?x=" + "a" * 3998).status_code == 200


def test_every_operation_documents_414(document):
    for path, methods in document["paths"].items():
        response = methods["get"]["responses"]["414"]
        assert response["content"]["application/json"]["schema"]["$ref"] == (
            "#/components/schemas/Error"
        ), path


# --- The throttle's answer ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Liikaa pyyntöjä. Yritä uudelleen {wait} sekunnin kuluttua."),
        ("sv", "För många förfrågningar. Försök igen om {wait} sekunder."),
        ("en", "Request was throttled. Expected available in {wait} seconds."),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/offerings/", CATALOGUE])
def test_the_throttle_answers_in_the_language_asked(client, settings, language, expected, path):
    settings.TORI_API_THROTTLE_RATE = "1/min"
    client.get(path)
    response = client.get(path, {"lang": language})
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert wait > 1
    assert response.json() == {"errors": {"detail": [expected.format(wait=wait)]}}


def test_every_429_documents_retry_after(document):
    for path, methods in document["paths"].items():
        header = methods["get"]["responses"]["429"]["headers"]["Retry-After"]
        assert header["schema"]["type"] == "integer", path
        assert header["description"]


# --- The procurement record -----------------------------------------------------------------
def _resolved(document, schema):
    """`schema` with its component references replaced, for jsonschema (OpenAPI 3.0's
    `nullable` becomes a null type)."""
    if isinstance(schema, list):
        return [_resolved(document, item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return _resolved(document, document["components"]["schemas"][name])
    resolved = {key: _resolved(document, value) for key, value in schema.items()}
    if resolved.pop("nullable", False):
        return {"anyOf": [resolved, {"type": "null"}]}
    return resolved


def test_the_offering_procurement_is_answered_as_documented(client, world, document):
    field = _resolved(document, document["components"]["schemas"]["Offering"])["properties"][
        "procurement"
    ]
    plain = make_offering(slug="no-procurement")
    assert client.get(f"/api/v1/offerings/{plain.pk}/").json()["procurement"] is None
    jsonschema.validate(None, field)

    pilot = make_pilot(stage="completed", outcome="adopted")
    offering = make_offering(slug="procured", pilot=pilot)
    procurement_save(
        pilot=pilot, by=None, method=ProcurementMethod.DIRECT_AWARD, contract_reference="A-1"
    )
    for lang, label in (("fi", "Kynnysarvon alittava suorahankinta"), ("sv", None)):
        answer = client.get(f"/api/v1/offerings/{offering.pk}/", {"lang": lang}).json()
        jsonschema.validate(answer["procurement"], field)
        if label:
            assert answer["procurement"]["method_label"] == label
    # Only public fields: nothing about who recorded it or the translations' bookkeeping.
    assert set(answer["procurement"]) == set(
        document["components"]["schemas"]["Procurement"]["properties"]
    )
    assert answer["procurement"]["method_label"] == "Direktupphandling under tröskelvärdet"
    assert answer["procurement"]["notice_url"] is None
    assert answer["procurement"]["value_eur"] is None
