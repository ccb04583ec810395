"""Units and cities in API v1, and the unit and city filters of challenges, pilots and
offerings: the count agrees with the filtering."""

import pytest

from ideas.models import ProposalStatus
from tests.factories.cms import UnitFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import OfferingFactory, PilotFactory

pytestmark = pytest.mark.django_db


def _translate(unit, language, name):
    from wagtail.models import Locale

    copy = unit.copy_for_translation(Locale.objects.get(language_code=language))
    copy.name = name
    copy.save()
    return copy


def test_units_list_and_detail_in_the_language_asked(client):
    unit = UnitFactory(city="espoo", slug="kamu", name="Espoon kaupunginmuseo")
    swedish = _translate(unit, "sv", "Esbo stadsmuseum")
    UnitFactory(city="vantaa", slug="vamu")
    body = client.get("/api/v1/units/?lang=sv").json()
    assert body["count"] == 2
    kamu = next(item for item in body["results"] if item["slug"] == "kamu")
    assert kamu["name"] == "Esbo stadsmuseum" and kamu["language"] == "sv"
    assert kamu["city"] == "espoo" and kamu["city_url"].endswith("/sv/esbo/")
    assert kamu["colour"] == "#00566b" and kamu["logo"] is None
    for key in ("kamu", unit.pk, swedish.pk):
        detail = client.get(f"/api/v1/units/{key}/?lang=en").json()
        assert detail["id"] == unit.pk and detail["name"] == "Espoon kaupunginmuseo"
    assert client.get("/api/v1/units/nope/").status_code == 404


def test_cities_say_their_names_slugs_and_unit_counts(client):
    unit = UnitFactory(city="espoo")
    _translate(unit, "sv", "Esbo")  # a translation is the same unit
    UnitFactory(city="espoo")
    body = client.get("/api/v1/cities/?lang=sv").json()
    assert body["count"] == 6
    espoo = next(item for item in body["results"] if item["code"] == "espoo")
    assert espoo["name"] == "Esbo" and espoo["unit_count"] == 2
    assert espoo["slugs"] == {"fi": "espoo", "sv": "esbo", "en": "espoo"}
    assert espoo["names"]["sv"] == "Esbo"
    turku = client.get("/api/v1/cities/turku/").json()
    assert turku["names"]["sv"] == "Åbo" and turku["unit_count"] == 0
    assert client.get("/api/v1/cities/other/").status_code == 404


def _piloted(unit):
    challenge = make_challenge(phase="piloting", unit=unit)
    pilot = PilotFactory(
        proposal=ProposalFactory(challenge=challenge, status=ProposalStatus.SELECTED)
    )
    return challenge, pilot


def _ids(client, path):
    body = client.get(path).json()
    ids = {item["id"] for item in body["results"]}
    assert body["count"] == len(ids), path
    return ids


def test_unit_and_city_filters(client):
    kamu = UnitFactory(city="espoo", slug="kamu")
    vamu = UnitFactory(city="vantaa", slug="vamu")
    espoo_challenge, espoo_pilot = _piloted(kamu)
    vantaa_challenge, vantaa_pilot = _piloted(vamu)
    make_challenge(phase="proposals")  # no unit
    piloted = OfferingFactory(pilot=espoo_pilot, cities=[])
    listed = OfferingFactory(cities=["espoo"])
    OfferingFactory(pilot=vantaa_pilot, cities=["oulu"])

    assert _ids(client, "/api/v1/challenges/?unit=kamu") == {espoo_challenge.pk}
    assert _ids(client, "/api/v1/challenges/?city=vantaa") == {vantaa_challenge.pk}
    assert _ids(client, "/api/v1/challenges/?city=espoo&city=vantaa") == {
        espoo_challenge.pk,
        vantaa_challenge.pk,
    }
    assert _ids(client, "/api/v1/pilots/?unit=vamu") == {vantaa_pilot.pk}
    assert _ids(client, "/api/v1/pilots/?city=espoo") == {espoo_pilot.pk}
    assert _ids(client, "/api/v1/offerings/?city=espoo") == {piloted.pk, listed.pk}
    assert _ids(client, "/api/v1/offerings/?unit=kamu") == {piloted.pk}
    assert client.get("/api/v1/challenges/?unit=nope").status_code == 400
    assert client.get("/api/v1/pilots/?city=other").status_code == 400
