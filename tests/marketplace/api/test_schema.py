"""The OpenAPI document describes every parameter, field and error; a bounded property-based
fuzz run (schemathesis + hypothesis) finds no 5xx, no answer outside the document, no request
the document allows that is refused and none it forbids that is accepted."""

import io
import re
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from marketplace.api.views import query_too_long
from marketplace.models import ProcurementMethod
from marketplace.services.procurement import procurement_save
from tests.factories.cms import CustomerGroupFactory, ThemeFactory, UnitFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import add_feedback, add_indicator, make_offering, make_pilot
from tests.marketplace.api.test_customer_groups import FIELDS as CUSTOMER_GROUP_FIELDS

pytestmark = pytest.mark.django_db

LIST_PATHS = [
    "challenges",
    "proposals",
    "pilots",
    "offerings",
    "organisations",
    "customer-groups",
    "units",
]
FILTERS = {
    "challenges": {"phase", "customer_group", "theme", "unit", "city"},
    "proposals": {"challenge", "status", "customer_group", "organisation_kind"},
    "pilots": {"stage", "outcome", "challenge", "unit", "city"},
    "offerings": {"customer_group", "theme", "city", "unit", "organisation_kind"},
    "organisations": {"kind", "city"},
    "customer-groups": set(),
    "units": set(),
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def document(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json") or response[
        "Content-Type"
    ].startswith("application/json")
    return response.json()


@pytest.fixture
def data():
    group = CustomerGroupFactory(slug="seniors")
    theme = ThemeFactory(slug="digital")
    unit = UnitFactory(slug="kamu")
    challenge = make_challenge(phase="piloting", customer_groups=[group], themes=[theme], unit=unit)
    proposal = ProposalFactory(challenge=challenge, status="selected")
    proposal.customer_groups.set([group])
    pilot = make_pilot(proposal=proposal, stage="completed", outcome="adopted")
    add_indicator(pilot, measurements=[("2026-04-01", 3)])
    add_feedback(pilot, 5)
    offering = make_offering(pilot=pilot, customer_groups=[group], themes=[theme])
    procurement_save(
        pilot=pilot,
        by=None,
        method=ProcurementMethod.INNOVATION_PARTNERSHIP,
        notice_url="https://www.hankintailmoitukset.fi/fi/public/procedure/1/",
        value_eur=120000,
        decided_on="2026-10-01",
        note="Hankittu.",
        translations={"sv": {"note": "Upphandlad."}},
    )
    return {
        "challenges": challenge.pk,
        "proposals": proposal.pk,
        "pilots": pilot.pk,
        "offerings": offering.pk,
        "organisations": proposal.lead_organisation_id,
        "customer-groups": group.pk,
        "units": unit.pk,
    }


def test_document_describes_every_endpoint_parameter_and_error(document):
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    expected = {f"/api/v1/{n}/" for n in LIST_PATHS} | {f"/api/v1/{n}/{{id}}/" for n in LIST_PATHS}
    assert expected <= set(paths)
    breakdowns = {"/api/v1/challenges/{id}/breakdown/", "/api/v1/pilots/{id}/breakdown/"}
    cities = {"/api/v1/cities/", "/api/v1/cities/{code}/"}
    assert set(paths) - expected <= {"/api/v1/catalogue/", *breakdowns, *cities}
    for name in LIST_PATHS:
        listing = paths[f"/api/v1/{name}/"]["get"]
        params = {p["name"]: p for p in listing["parameters"]}
        assert set(params) == FILTERS[name] | {"page", "page_size", "lang", "Accept-Language"}
        for filter_name in FILTERS[name]:
            # Repeated filters: an exploded array.
            assert params[filter_name]["schema"]["type"] == "array"
            assert params[filter_name]["explode"] is True
            assert params[filter_name]["description"]
        assert params["page_size"]["schema"]["maximum"] == 100
        assert params["lang"]["schema"]["enum"] == ["en", "fi", "sv"] or set(
            params["lang"]["schema"]["enum"]
        ) == {
            "fi",
            "sv",
            "en",
        }
        for operation in (listing, paths[f"/api/v1/{name}/{{id}}/"]["get"]):
            assert {"200", "400", "404", "405", "429"} <= set(operation["responses"])
            for code in ("400", "404", "405", "429"):
                ref = operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error"
    error = document["components"]["schemas"]["Error"]
    assert error["properties"]["errors"]["additionalProperties"]["type"] == "array"


def test_document_describes_every_field(document):
    schemas = document["components"]["schemas"]
    expected = {
        "Challenge": {
            "id",
            "title",
            "url",
            "summary",
            "owner",
            "phase",
            "schedule",
            "customer_groups",
            "themes",
            "budget_eur",
            "public_proposal_count",
        },
        "Proposal": {
            "id",
            "title",
            "url",
            "challenge",
            "summary",
            "status",
            "customer_groups",
            "lead_organisation",
            "team",
            "vote_count",
            "submitted_at",
            "language",
        },
        "Pilot": {
            "id",
            "title",
            "url",
            "proposal",
            "challenge",
            "stage",
            "outcome",
            "venue",
            "start_date",
            "end_date",
            "indicators",
            "feedback",
        },
        "Offering": {
            "id",
            "title",
            "url",
            "summary",
            "providers",
            "customer_groups",
            "themes",
            "cities",
            "languages",
            "price_model",
            "pilot",
            "procurement",
        },
        "Organisation": {"id", "name", "kind", "city", "website", "verified"},
        "CustomerGroup": CUSTOMER_GROUP_FIELDS,
    }
    for name, fields in expected.items():
        assert fields <= set(schemas[name]["properties"]), name
        assert fields <= set(schemas[name]["required"]), name
    languages = {"original_language", "available_languages", "field_languages"}
    for name in ("Challenge", "Proposal", "Pilot", "Offering", "Organisation", "Milestone"):
        assert languages <= set(schemas[name]["required"]), name
    assert set(schemas["Indicator"]["properties"]) == {
        "name",
        "unit",
        "baseline",
        "target",
        "latest",
        *languages,
    }
    assert set(schemas["Milestone"]["properties"]) == {"title", "due_date", "done_date", *languages}
    assert set(schemas["PilotFieldLanguages"]["properties"]) == {
        "title",
        "summary",
        "easy_read_summary",
        "venue",
    }
    for name in ("Challenge", "Pilot", "Offering"):
        assert "easy_read_summary" in schemas[name]["required"], name
        assert "easy_read_summary" in schemas[f"{name}FieldLanguages"]["properties"], name
    assert set(schemas["Served"]["properties"]) == {
        "challenges",
        "proposals",
        "pilots",
        "offerings",
    }
    assert {"milestones"} <= set(schemas["Pilot"]["required"])
    assert {"description"} <= set(schemas["Offering"]["required"])
    assert {"description", "capabilities"} <= set(schemas["Organisation"]["required"])
    assert set(schemas["Taxonomy"]["properties"]) == {"slug", "name", "language"}
    hit = schemas["CatalogueHit"]["properties"]
    assert languages <= set(hit)
    assert schemas["Pilot"]["properties"]["proposal"]["nullable"] is True
    procurement = schemas["Offering"]["properties"]["procurement"]
    assert procurement["nullable"] is True
    assert procurement["allOf"] == [{"$ref": "#/components/schemas/Procurement"}]
    assert set(schemas["Procurement"]["properties"]) == {
        "method",
        "method_label",
        "contract_reference",
        "notice_url",
        "value_eur",
        "decided_on",
        "contract_start",
        "contract_end",
        "note",
        "note_language",
    }
    assert set(schemas["Procurement"]["required"]) == set(schemas["Procurement"]["properties"])
    assert set(schemas["ProcurementMethodEnum"]["enum"]) == set(ProcurementMethod.values)
    assert schemas["Proposal"]["properties"]["url"]["format"] == "uri"


def test_documentation_page_is_served_from_tori(client, document):
    response = client.get("/api/v1/docs/", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    for path in document["paths"]:
        assert path in html
    for word in (
        "customer_group",
        "organisation_kind",
        "page_size",
        "public_proposal_count",
        "latest.value",
    ):
        assert word in html
    # Nothing from a CDN: every script and stylesheet is Tori's own.
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert assets and all(url.startswith("/") and not url.startswith("//") for url in assets)


@pytest.fixture
def fuzz_schema(settings):
    """The document loaded through Tori's WSGI application, inside the test's transaction:
    Django's per-request connection closing is held off as the test client does."""
    settings.TORI_API_THROTTLE_RATE = "100000/min"
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", WSGIHandler())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_known_objects_conform_to_the_document(data, fuzz_schema):
    schema = fuzz_schema
    for name, pk in data.items():
        listing = schema[f"/api/v1/{name}/"]["GET"]
        for params in ({}, {"lang": "sv"}, {"page_size": 1}):
            case = listing.Case(query=params)
            response = case.call_and_validate(checks=CHECKS)
            assert response.status_code == 200
            assert response.json()["count"] >= 1
        detail = schema[f"/api/v1/{name}/{{id}}/"]["GET"]
        assert (
            detail.Case(path_parameters={"id": pk}).call_and_validate(checks=CHECKS).status_code
            == 200
        )
        assert (
            detail.Case(path_parameters={"id": 10**9}).call_and_validate(checks=CHECKS).status_code
            == 404
        )


def _with_known_data(data):
    """Values that name data (slugs, challenge ids) drawn from the data: an unknown slug or
    id is a documented 400, which no document can tell from a known one."""
    known = {
        "customer_group": "seniors",
        "theme": "digital",
        "unit": "kamu",
        "challenge": data["challenges"],
    }

    def replace(case):
        for name, value in known.items():
            if case.query and name in case.query:
                items = case.query[name]
                case.query[name] = [value] * len(items) if isinstance(items, list) else value
        return case

    return replace


def _within_the_query_limit(case) -> bool:
    """The document's 414: a query string over the limit is refused whatever its values."""
    return not query_too_long(urlencode(case.query or {}, doseq=True))


def test_fuzz_finds_no_answer_outside_the_document(data, fuzz_schema):
    """Bounded: a few examples per operation and mode, well under a minute in all. Requests the
    document allows must be answered (positive data), requests it forbids refused (negative
    data), every answer as documented."""
    call_command("search_index", "--rebuild", stdout=io.StringIO())
    schema = fuzz_schema
    # A 414 (an over-long query) is as documented a refusal as a 400.
    rejection = schema.config.checks.negative_data_rejection
    rejection.expected_statuses = [*rejection.expected_statuses, "414"]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    checks = [*CHECKS, positive_data_acceptance, negative_data_rejection]
    for operation in operations:
        name = operation.path.split("/")[3]
        # A detail's id stays a known one: what the router does with other addresses is the
        # JSON 404 tests' business, not the document's.
        path_parameters = {"id": data[name]} if "{id}" in operation.path else None
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)
            if mode is GenerationMode.POSITIVE:
                strategy = strategy.map(_with_known_data(data)).filter(_within_the_query_limit)

            @settings(
                max_examples=12,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=strategy)
            def run(case):
                case.call_and_validate(checks=checks)

            run()
