"""The API answers in the language asked: translated fields of plain models (pilots, their
milestones and indicators, offerings, organisations, proposals) fall back field by field to
the original, and every object says which languages it has and which one each field is in."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from ideas.models import ProposalStatus
from marketplace.api import serializers
from marketplace.api.fields import TranslatedField
from marketplace.models import Milestone
from tests.factories.cms import CustomerGroupFactory, ThemeFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import add_indicator, make_offering, make_pilot
from tests.factories.partners import OrganisationFactory

pytestmark = pytest.mark.django_db


def translate_snippet(snippet, code: str, **fields):
    translated = snippet.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


@pytest.fixture
def pilot():
    """A Finnish pilot with a Swedish title only, a Swedish milestone and indicator."""
    pilot = make_pilot(
        title="Muistikahvila",
        public_summary="Kahvila senioreille.",
        venue="Kaupunginmuseo",
        language="fi",
        translations={"sv": {"title": "Minneskafé"}},
    )
    Milestone.objects.create(
        pilot=pilot,
        title="Ensimmäinen kahvila",
        due_date=date(2026, 4, 1),
        translations={"sv": {"title": "Första kaféet"}},
    )
    add_indicator(
        pilot,
        name="Kävijät viikossa",
        unit="kävijää",
        translations={"sv": {"name": "Besökare per vecka", "unit": "besökare"}},
    )
    return pilot


@pytest.fixture
def offering():
    return make_offering(
        title="Perheiden työpajat",
        summary="Työpajoja viikonloppuisin.",
        description="Kuvaus suomeksi.",
        language="fi",
        translations={
            "sv": {"title": "Verkstäder för familjer", "summary": "Verkstäder på veckosluten."}
        },
    )


# --- Pilots ------------------------------------------------------------------------------
def test_a_pilot_in_swedish_falls_back_field_by_field(client, pilot):
    item = client.get(f"/api/v1/pilots/{pilot.pk}/", {"lang": "sv"}).json()
    assert item["title"] == "Minneskafé"
    assert item["summary"] == "Kahvila senioreille."
    assert item["venue"] == "Kaupunginmuseo"
    assert item["field_languages"] == {
        "title": "sv",
        "summary": "fi",
        "easy_read_summary": "fi",
        "venue": "fi",
    }
    assert item["original_language"] == "fi"
    assert item["available_languages"] == ["fi", "sv"]


def test_a_pilot_without_the_language_asked_is_the_original(client, pilot):
    item = client.get(f"/api/v1/pilots/{pilot.pk}/", {"lang": "en"}).json()
    assert item["title"] == "Muistikahvila"
    assert item["field_languages"] == {
        "title": "fi",
        "summary": "fi",
        "easy_read_summary": "fi",
        "venue": "fi",
    }
    assert item["original_language"] == "fi"
    assert item["available_languages"] == ["fi", "sv"]


def test_milestones_and_indicators_follow_the_language(client, pilot):
    sv = client.get("/api/v1/pilots/", {"lang": "sv"}).json()["results"][0]
    assert [m["title"] for m in sv["milestones"]] == ["Första kaféet"]
    assert sv["milestones"][0]["due_date"] == "2026-04-01"
    assert sv["milestones"][0]["done_date"] is None
    assert sv["milestones"][0]["field_languages"] == {"title": "sv"}
    indicator = sv["indicators"][0]
    assert (indicator["name"], indicator["unit"]) == ("Besökare per vecka", "besökare")
    assert indicator["field_languages"] == {"name": "sv", "unit": "sv"}
    assert indicator["available_languages"] == ["fi", "sv"]

    fi = client.get("/api/v1/pilots/", {"lang": "fi"}).json()["results"][0]
    assert fi["milestones"][0]["title"] == "Ensimmäinen kahvila"
    assert fi["milestones"][0]["field_languages"] == {"title": "fi"}
    assert fi["indicators"][0]["name"] == "Kävijät viikossa"


# --- Offerings ---------------------------------------------------------------------------
def test_an_offering_in_swedish(client, offering):
    listed = client.get("/api/v1/offerings/", {"lang": "sv"}).json()["results"][0]
    item = client.get(f"/api/v1/offerings/{offering.pk}/", {"lang": "sv"}).json()
    assert listed == item
    assert item["title"] == "Verkstäder för familjer"
    assert item["summary"] == "Verkstäder på veckosluten."
    assert item["description"] == "Kuvaus suomeksi."
    assert item["field_languages"] == {
        "title": "sv",
        "summary": "sv",
        "description": "fi",
        "easy_read_summary": "fi",
    }
    assert item["original_language"] == "fi"
    assert item["available_languages"] == ["fi", "sv"]
    # `languages` stays what it always was: the languages the service is provided in.
    assert item["languages"] == ["fi"]


def test_an_offering_without_a_translation_is_the_original_with_its_language(client):
    offering = make_offering(title="Audio walks", summary="In English.", language="en")
    item = client.get(f"/api/v1/offerings/{offering.pk}/", {"lang": "sv"}).json()
    assert item["title"] == "Audio walks"
    assert item["field_languages"] == {
        "title": "en",
        "summary": "en",
        "description": "en",
        "easy_read_summary": "en",
    }
    assert item["original_language"] == "en"
    assert item["available_languages"] == ["en"]


def test_accept_language_picks_the_translation(client, offering):
    response = client.get(
        f"/api/v1/offerings/{offering.pk}/", headers={"Accept-Language": "sv-FI,sv;q=0.9"}
    )
    assert response.json()["title"] == "Verkstäder för familjer"
    assert response["Content-Language"] == "sv"
    assert "Accept-Language" in response["Vary"]


def test_lang_wins_over_accept_language(client, offering):
    response = client.get(
        f"/api/v1/offerings/{offering.pk}/", {"lang": "fi"}, headers={"Accept-Language": "sv"}
    )
    assert response.json()["title"] == "Perheiden työpajat"
    assert response.json()["field_languages"]["title"] == "fi"
    assert response["Content-Language"] == "fi"


def test_no_language_asked_is_finnish(client, offering):
    response = client.get("/api/v1/offerings/")
    assert response.json()["results"][0]["title"] == "Perheiden työpajat"
    assert response["Content-Language"] == "fi"
    assert "Accept-Language" in response["Vary"]


# --- Proposals and organisations ---------------------------------------------------------
def test_a_proposal_written_in_swedish_falls_back_to_swedish(client):
    proposal = ProposalFactory(
        challenge=make_challenge(),
        title="Sagopromenader",
        summary="Promenader med sagor.",
        language="sv",
        translations={"fi": {"title": "Satukävelyt"}},
    )
    item = client.get(f"/api/v1/proposals/{proposal.pk}/", {"lang": "fi"}).json()
    assert item["title"] == "Satukävelyt"
    assert item["summary"] == "Promenader med sagor."
    assert item["field_languages"] == {"title": "fi", "summary": "sv"}
    assert item["original_language"] == item["language"] == "sv"
    assert item["available_languages"] == ["sv", "fi"]
    en = client.get(f"/api/v1/proposals/{proposal.pk}/", {"lang": "en"}).json()
    assert en["title"] == "Sagopromenader"
    assert en["field_languages"] == {"title": "sv", "summary": "sv"}


def test_an_organisation_in_english(client):
    organisation = OrganisationFactory(
        description="Teemme äänikierroksia.",
        capabilities="Äänisuunnittelu.",
        translations={"en": {"description": "We make audio tours."}},
    )
    item = client.get(f"/api/v1/organisations/{organisation.pk}/", {"lang": "en"}).json()
    assert item["description"] == "We make audio tours."
    assert item["capabilities"] == "Äänisuunnittelu."
    assert item["field_languages"] == {"description": "en", "capabilities": "fi"}
    assert item["original_language"] == "fi"
    assert item["available_languages"] == ["fi", "en"]


# --- A wrong language --------------------------------------------------------------------
@pytest.mark.parametrize(
    "path", ["/api/v1/pilots/", "/api/v1/offerings/", "/api/v1/catalogue/", "detail"]
)
def test_an_unknown_lang_is_a_400_naming_lang(client, offering, path):
    if path == "detail":
        path = f"/api/v1/offerings/{offering.pk}/"
    response = client.get(path, {"lang": "xx"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert list(response.json()["errors"]) == ["lang"]


# --- Challenges, customer groups and themes: each once ------------------------------------
@pytest.fixture
def seniors():
    """Customer group with a Swedish copy that has its own slug."""
    group = CustomerGroupFactory(slug="seniors", name="Seniorit")
    swedish = translate_snippet(group, "sv", name="Seniorer", slug="seniorer")
    return group, swedish


def test_an_item_tagged_in_two_languages_is_listed_once(client, seniors):
    group, swedish = seniors
    digital = ThemeFactory(slug="digital", name="Digitaalisuus")
    digital_sv = translate_snippet(digital, "sv", name="Digitalt")
    offering = make_offering(customer_groups=[group, swedish], themes=[digital, digital_sv])
    item = client.get(f"/api/v1/offerings/{offering.pk}/", {"lang": "sv"}).json()
    assert item["customer_groups"] == [{"slug": "seniors", "name": "Seniorer", "language": "sv"}]
    assert item["themes"] == [{"slug": "digital", "name": "Digitalt", "language": "sv"}]


def test_the_slug_is_the_same_whichever_copy_is_tagged(client, seniors):
    """The default-language copy's slug, in every language asked."""
    _group, swedish = seniors
    offering = make_offering(customer_groups=[swedish])
    for lang, name in (("fi", "Seniorit"), ("sv", "Seniorer"), ("en", "Seniorit")):
        item = client.get(f"/api/v1/offerings/{offering.pk}/", {"lang": lang}).json()
        assert item["customer_groups"] == [
            {"slug": "seniors", "name": name, "language": "sv" if lang == "sv" else "fi"}
        ]


@pytest.mark.parametrize("slug", ["seniors", "seniorer"])
@pytest.mark.parametrize("tagged", ["fi", "sv"])
def test_a_slug_in_any_language_matches_any_copy(client, seniors, slug, tagged):
    group, swedish = seniors
    copy = group if tagged == "fi" else swedish
    offering = make_offering(customer_groups=[copy])
    make_offering(title="untagged")
    challenge = make_challenge(customer_groups=[copy])
    make_challenge(title="untagged challenge")
    proposal = ProposalFactory(challenge=challenge)
    proposal.customer_groups.set([copy])

    def ids(path):
        response = client.get(path, {"customer_group": slug})
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["results"]]

    assert ids("/api/v1/offerings/") == [offering.pk]
    assert ids("/api/v1/challenges/") == [challenge.pk]
    assert ids("/api/v1/proposals/") == [proposal.pk]


def test_a_challenge_says_its_languages(client):
    page = make_challenge(title="Museo kotona", summary="Suomeksi")
    swedish = page.copy_for_translation(Locale.objects.get(language_code="sv"), copy_parents=True)
    swedish.title = "Museet hemma"
    swedish.save_revision().publish()
    sv = client.get(f"/api/v1/challenges/{page.pk}/", {"lang": "sv"}).json()
    assert sv["title"] == "Museet hemma"
    assert sv["field_languages"] == {"title": "sv", "summary": "sv", "easy_read_summary": "sv"}
    assert sv["original_language"] == "fi"
    assert sv["available_languages"] == ["fi", "sv"]
    en = client.get(f"/api/v1/challenges/{page.pk}/", {"lang": "en"}).json()
    assert en["title"] == "Museo kotona"
    assert en["field_languages"] == {"title": "fi", "summary": "fi", "easy_read_summary": "fi"}


def test_a_proposal_names_its_challenge_in_the_language_asked(client):
    page = make_challenge(title="Museo kotona")
    proposal = ProposalFactory(challenge=page)
    item = client.get(f"/api/v1/proposals/{proposal.pk}/", {"lang": "sv"}).json()
    # No Swedish page: the Finnish title, and the client can tell.
    assert item["challenge"] == {"id": page.pk, "title": "Museo kotona", "language": "fi"}


# --- The catalogue -----------------------------------------------------------------------
@pytest.fixture
def indexed(pilot, offering):
    call_command("search_index", "--rebuild", stdout=io.StringIO())


def test_catalogue_hits_are_in_the_language_asked(client, indexed, offering, pilot):
    body = client.get("/api/v1/catalogue/", {"lang": "sv", "kind": ["offering", "pilot"]}).json()
    hits = {(hit["kind"], hit["id"]): hit for hit in body["results"]}
    hit = hits[("offering", offering.pk)]
    assert (hit["title"], hit["summary"]) == (
        "Verkstäder för familjer",
        "Verkstäder på veckosluten.",
    )
    assert hit["field_languages"] == {"title": "sv", "summary": "sv"}
    assert hit["original_language"] == "fi"
    assert hit["available_languages"] == ["fi", "sv"]
    hit = hits[("pilot", pilot.pk)]
    assert (hit["title"], hit["summary"]) == ("Minneskafé", "Kahvila senioreille.")
    assert hit["field_languages"] == {"title": "sv", "summary": "fi"}

    en = client.get("/api/v1/catalogue/", {"lang": "en", "kind": "offering"}).json()
    assert en["results"][0]["title"] == "Perheiden työpajat"
    assert en["results"][0]["field_languages"] == {"title": "fi", "summary": "fi"}


# --- Query budgets -----------------------------------------------------------------------
def _queries(client, path, params) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["results"])


def test_the_catalogue_runs_as_many_queries_for_5_hits_as_for_100(client):
    challenge = make_challenge(phase="piloting")

    def make():
        make_offering(translations={"sv": {"title": "På svenska"}})
        proposal = ProposalFactory(challenge=challenge, status=ProposalStatus.SELECTED)
        make_pilot(proposal=proposal, translations={"sv": {"title": "Pilot på svenska"}})

    def count(n):
        call_command("search_index", "--rebuild", stdout=io.StringIO())
        params = {"lang": "sv", "kind": ["offering", "pilot", "proposal"], "page_size": n}
        _queries(client, "/api/v1/catalogue/", params)  # warm the caches
        queries, results = _queries(client, "/api/v1/catalogue/", params)
        assert results == n
        return queries

    for _ in range(2):
        make()
    small = count(5)
    for _ in range(32):
        make()
    assert count(100) == small


# --- Headers of every answer -------------------------------------------------------------
def test_an_unknown_address_answers_in_the_language_asked(client):
    fi = client.get("/api/v1/nothing/", {"lang": "fi"}, headers={"Accept-Language": "sv"})
    en = client.get("/api/v1/nothing/", {"lang": "en"}, headers={"Accept-Language": "sv"})
    assert fi.status_code == en.status_code == 404
    assert fi["Content-Language"] == "fi" and en["Content-Language"] == "en"
    assert fi.json()["errors"]["detail"] != en.json()["errors"]["detail"]
    assert "Accept-Language" in en["Vary"]


def test_the_document_says_it_is_in_english(client):
    response = client.get("/api/v1/schema/", headers={"Accept-Language": "sv"})
    assert response["Content-Language"] == "en"


def test_field_languages_name_every_translated_field():
    """The document's `field_languages` keys are exactly the object's translated fields."""
    for serializer in (
        serializers.ProposalSerializer,
        serializers.PilotSerializer,
        serializers.MilestoneSerializer,
        serializers.IndicatorSerializer,
        serializers.OfferingSerializer,
        serializers.OrganisationSerializer,
    ):
        fields = serializer().fields
        translated = {name for name, field in fields.items() if isinstance(field, TranslatedField)}
        assert set(fields["field_languages"].fields) == translated, serializer.__name__
