"""City names are translated: Swedish pages say Esbo and Helsingfors, Finnish and English pages
keep the Finnish names."""

import pytest

from tests.factories.partners import OrganisationFactory

pytestmark = pytest.mark.django_db

SWEDISH = ["Helsingfors", "Esbo", "Vanda", "Tammerfors", "Åbo", "Uleåborg"]
FINNISH = ["Helsinki", "Espoo", "Vantaa", "Tampere", "Turku", "Oulu"]


@pytest.mark.parametrize("path", ["/sv/organisations/", "/sv/offerings/"])
def test_swedish_filters_name_the_cities_in_swedish(client, path):
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    for name in SWEDISH:
        assert name in html, (path, name)
    assert ">Espoo<" not in html and "Espoo\n" not in html


@pytest.mark.parametrize("language", ["fi", "en"])
def test_finnish_and_english_keep_the_finnish_names(client, language):
    html = client.get(f"/{language}/organisations/", HTTP_ACCEPT_LANGUAGE=language).content
    for name in FINNISH:
        assert name in html.decode()


def test_organisation_card_names_its_home_city_in_swedish(client):
    OrganisationFactory(name="Turun yhdistys", city="turku")
    html = client.get("/sv/organisations/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Åbo" in html


def test_catalogue_city_facet_in_swedish(client, django_capture_on_commit_callbacks):
    from tests.factories.marketplace import OfferingFactory

    with django_capture_on_commit_callbacks(execute=True):
        OfferingFactory(cities=["espoo"])
    html = client.get("/sv/catalogue/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'Esbo <span class="facet-count">(1' in html
    assert "Espoo <span" not in html
