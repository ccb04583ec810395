"""City front doors: per-language slugs and the redirect, only public things of the city, and a
query count that does not grow with the items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from ideas.models import ProposalStatus
from tests.factories.cms import UnitFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import OfferingFactory, PilotFactory

pytestmark = pytest.mark.django_db


def _page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def _section(html, name):
    part = html[html.index(f'data-testid="city-{name}"') :]
    return part[: part.index("</section>")]


def test_each_language_has_its_own_slug_and_others_redirect(client):
    UnitFactory(city="espoo")
    for path in ("/fi/espoo/", "/sv/esbo/", "/en/espoo/"):
        assert client.get(path).status_code == 200, path
    assert "<title>Esbo – Tori</title>" in _page(client, "/sv/esbo/")
    response = client.get("/sv/espoo/")
    assert response.status_code == 301 and response["Location"] == "/sv/esbo/"
    response = client.get("/fi/esbo/")
    assert response.status_code == 301 and response["Location"] == "/fi/espoo/"
    assert client.get("/fi/atlantis/").status_code == 404  # falls through to Wagtail


def test_the_language_switcher_and_alternates_link_each_languages_own_slug(client):
    UnitFactory(city="turku")
    html = _page(client, "/fi/turku/")
    assert 'href="/sv/abo/"' in html and 'href="/en/turku/"' in html
    assert 'hreflang="sv" href="http' in html and "/sv/abo/" in html
    assert "/sv/turku/" not in html


def _piloted(unit, *, title):
    challenge = make_challenge(phase="piloting", title=f"{title} challenge", unit=unit)
    proposal = ProposalFactory(challenge=challenge, status=ProposalStatus.SELECTED)
    return PilotFactory(proposal=proposal, title=f"{title} pilot")


def test_the_front_door_lists_only_the_citys_public_things(client):
    espoo = UnitFactory(city="espoo", name="Espoo museum")
    vantaa = UnitFactory(city="vantaa", name="Vantaa museum")
    make_challenge(phase="proposals", title="Espoo open", unit=espoo)
    make_challenge(phase="upcoming", title="Espoo upcoming", unit=espoo)
    make_challenge(phase="closed", title="Espoo closed", unit=espoo)
    make_challenge(phase="proposals", title="Espoo draft", unit=espoo, publish=False)
    make_challenge(phase="proposals", title="Vantaa open", unit=vantaa)
    private = make_challenge(phase="voting", title="Espoo private", unit=espoo)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    pilot = _piloted(espoo, title="Espoo")
    unpublished = _piloted(espoo, title="Hidden")
    unpublished.published = False
    unpublished.save()
    _piloted(vantaa, title="Vantaa")
    OfferingFactory(title="Piloted here", pilot=pilot, cities=[])
    OfferingFactory(title="Listed here", cities=["espoo"])
    OfferingFactory(title="Elsewhere", cities=["oulu"])
    OfferingFactory(title="Unpublished", cities=["espoo"], published=False)

    html = _page(client, "/en/espoo/")
    assert "Espoo museum" in _section(html, "units") and "Vantaa museum" not in html
    challenges = _section(html, "challenges")
    assert "Espoo open" in challenges and "Espoo upcoming" in challenges
    for hidden in ("Espoo closed", "Espoo draft", "Vantaa open", "Espoo private"):
        assert hidden not in challenges, hidden
    pilots = _section(html, "pilots")
    assert "Espoo pilot" in pilots and "Hidden pilot" not in pilots
    assert "Vantaa pilot" not in pilots
    offerings = _section(html, "offerings")
    assert "Piloted here" in offerings and "Listed here" in offerings
    assert "Elsewhere" not in offerings and "Unpublished" not in offerings


def _add(unit, count):
    for n in range(count):
        make_challenge(phase="proposals", title=f"Open {unit.pk} {n}", unit=unit)
        OfferingFactory(pilot=_piloted(unit, title=f"P{unit.pk}-{n}"), cities=[])
        UnitFactory(city="espoo")


def _queries(client, url):
    client.get(url)  # warm the chrome caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_items(client):
    unit = UnitFactory(city="espoo")
    _add(unit, 2)
    few = _queries(client, "/fi/espoo/")
    _add(unit, 6)
    assert _queries(client, "/fi/espoo/") == few
