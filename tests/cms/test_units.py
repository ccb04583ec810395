"""Organising units: the colour check, city names and slugs per language, the challenge's unit
in the editor and on its page, the home page's cities, the demo."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cms import demo, demo_units
from cms.cities import CITIES, city_for_slug
from cms.colours import contrast_with_white
from cms.models import ChallengePage, Unit
from tests.factories.cms import UnitFactory, make_challenge


@pytest.mark.parametrize(
    ("colour", "passes"),
    [("#000000", True), ("#767676", True), ("#777777", False), ("#ffffff", False)],
)
def test_contrast_with_white_is_the_aa_threshold(colour, passes):
    ok, ratio = contrast_with_white(colour)
    assert ok is passes
    assert (ratio >= 4.5) is passes


@pytest.mark.django_db
def test_a_light_colour_is_refused_with_a_message_on_the_field():
    unit = UnitFactory.build(colour="#777777")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "4.5:1" in error.value.message_dict["colour"][0]
    assert "4.47" in error.value.message_dict["colour"][0]
    UnitFactory.build(colour="#767676").full_clean()  # just dark enough


def test_city_slugs_per_language():
    espoo = CITIES["espoo"]
    assert (espoo.slug("fi"), espoo.slug("sv"), espoo.slug("en")) == ("espoo", "esbo", "espoo")
    assert CITIES["turku"].name("sv") == "Åbo"
    assert CITIES["oulu"].slug("sv") == "uleaborg"
    assert city_for_slug("esbo", "sv") == (espoo, True)
    assert city_for_slug("esbo", "fi") == (espoo, False)  # another language's slug
    assert city_for_slug("nowhere", "fi") == (None, False)


@pytest.mark.django_db
def test_the_challenge_page_shows_its_unit_and_links_its_city(client):
    unit = UnitFactory(name="Espoo City Museum", city="espoo")
    challenge = make_challenge(unit=unit)
    html = client.get(challenge.url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Espoo City Museum" in html
    assert 'href="/fi/espoo/"' in html


@pytest.mark.django_db
def test_the_home_page_links_every_city_with_a_unit(client):
    from cms.models import HomePage

    UnitFactory(city="espoo")
    UnitFactory(city="vantaa")
    home = HomePage.objects.first()
    html = client.get("/sv/").content.decode() if home else ""
    assert 'href="/sv/esbo/"' in html
    assert 'href="/sv/vanda/"' in html
    assert "/sv/helsingfors/" not in html


@pytest.mark.django_db
def test_a_unit_in_use_cannot_be_deleted():
    from django.db.models import ProtectedError

    unit = UnitFactory()
    make_challenge(unit=unit)
    with pytest.raises(ProtectedError):
        unit.delete()


@pytest.mark.django_db
def test_the_demo_units_are_idempotent():
    demo.seed(stdout=StringIO())
    demo_units.seed(stdout=StringIO())
    counts = Unit.objects.count(), ChallengePage.objects.filter(unit__isnull=True).count()
    demo_units.seed(stdout=StringIO())
    assert counts == (9, 0)
    assert (Unit.objects.count(), ChallengePage.objects.filter(unit__isnull=True).count()) == counts
    museum = Unit.objects.get(slug=demo_units.MUSEUM, locale__language_code="sv")
    assert museum.name == "Esbo stadsmuseum KAMU"
    for unit in Unit.objects.all():
        unit.full_clean()  # every demo colour passes AA
    assert set(ChallengePage.objects.values_list("unit__slug", flat=True)) == {demo_units.MUSEUM}
