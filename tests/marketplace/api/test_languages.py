"""`?lang=` or Accept-Language picks translations of pages and snippets, else the original."""

import pytest
from django.conf import settings
from wagtail.models import Locale

from tests.factories.cms import CustomerGroupFactory, ThemeFactory, make_challenge
from tests.factories.ideas import ProposalFactory

pytestmark = pytest.mark.django_db


def translate_page(page, code: str, **fields):
    translated = page.copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    )
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def translate_snippet(snippet, code: str, **fields):
    translated = snippet.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


@pytest.fixture
def challenge():
    seniors = CustomerGroupFactory(slug="seniors", name="Seniorit")
    digital = ThemeFactory(slug="digital", name="Digitaalisuus")
    translate_snippet(seniors, "sv", name="Seniorer")
    translate_snippet(seniors, "en", name="Seniors")
    # The theme has a Swedish translation only.
    translate_snippet(digital, "sv", name="Digitalisering")
    page = make_challenge(
        title="Museo kotona", summary="Suomeksi", customer_groups=[seniors], themes=[digital]
    )
    translate_page(page, "sv", title="Museet hemma", summary="På svenska", slug="museet-hemma")
    return page


def test_lang_picks_the_translation(client, challenge):
    item = client.get(f"/api/v1/challenges/{challenge.pk}/", {"lang": "sv"}).json()
    assert item["id"] == challenge.pk
    assert item["title"] == "Museet hemma"
    assert item["summary"] == "På svenska"
    assert item["url"] == f"{settings.SITE_URL}/sv/challenges/museet-hemma/"
    assert item["customer_groups"] == [{"slug": "seniors", "name": "Seniorer", "language": "sv"}]
    assert item["themes"] == [{"slug": "digital", "name": "Digitalisering", "language": "sv"}]


def test_missing_translations_fall_back_to_the_original(client, challenge):
    item = client.get(f"/api/v1/challenges/{challenge.pk}/", {"lang": "en"}).json()
    assert item["title"] == "Museo kotona"
    assert item["summary"] == "Suomeksi"
    assert item["url"] == f"{settings.SITE_URL}/fi/challenges/{challenge.slug}/"
    assert item["customer_groups"] == [{"slug": "seniors", "name": "Seniors", "language": "en"}]
    assert item["themes"] == [{"slug": "digital", "name": "Digitaalisuus", "language": "fi"}]


def test_default_is_the_original_language(client, challenge):
    item = client.get(f"/api/v1/challenges/{challenge.pk}/").json()
    assert item["title"] == "Museo kotona"
    assert item["customer_groups"] == [{"slug": "seniors", "name": "Seniorit", "language": "fi"}]


def test_accept_language_picks_the_translation(client, challenge):
    response = client.get(
        "/api/v1/challenges/", headers={"Accept-Language": "sv-FI,sv;q=0.9,en;q=0.5"}
    )
    item = response.json()["results"][0]
    assert item["title"] == "Museet hemma"
    assert response["Content-Language"] == "sv"
    assert "Accept-Language" in response["Vary"]


def test_lang_wins_over_accept_language(client, challenge):
    response = client.get("/api/v1/challenges/", {"lang": "fi"}, headers={"Accept-Language": "sv"})
    assert response.json()["results"][0]["title"] == "Museo kotona"


def test_unsupported_accept_language_falls_back(client, challenge):
    response = client.get("/api/v1/challenges/", headers={"Accept-Language": "de, *;q=0.1"})
    assert response.status_code == 200
    assert response.json()["results"][0]["title"] == "Museo kotona"


def test_translations_are_one_challenge_each(client, challenge):
    """A translated page is the same challenge, listed once, under the original's id."""
    body = client.get("/api/v1/challenges/", {"lang": "sv"}).json()
    assert body["count"] == 1
    assert body["results"][0]["id"] == challenge.pk


def test_unpublished_translation_is_not_used(client):
    page = make_challenge(title="Alkuperäinen")
    draft = page.copy_for_translation(Locale.objects.get(language_code="sv"), copy_parents=True)
    draft.title = "Utkast"
    draft.save_revision()
    assert (
        client.get(f"/api/v1/challenges/{page.pk}/", {"lang": "sv"}).json()["title"]
        == "Alkuperäinen"
    )


def test_proposals_show_the_challenge_title_and_groups_in_the_language_asked(client, challenge):
    proposal = ProposalFactory(challenge=challenge)
    proposal.customer_groups.set(challenge.customer_groups.all())
    item = client.get(f"/api/v1/proposals/{proposal.pk}/", {"lang": "sv"}).json()
    assert item["challenge"] == {"id": challenge.pk, "title": "Museet hemma", "language": "sv"}
    assert item["customer_groups"] == [{"slug": "seniors", "name": "Seniorer", "language": "sv"}]
    assert item["url"] == f"{settings.SITE_URL}/sv/proposals/{proposal.pk}/"


def test_error_messages_follow_the_language(client):
    fi = client.get("/api/v1/organisations/", {"kind": "guild", "lang": "fi"}).json()
    en = client.get("/api/v1/organisations/", {"kind": "guild", "lang": "en"}).json()
    assert "guild" in en["errors"]["kind"][0]
    assert en["errors"]["kind"][0] != fi["errors"]["kind"][0]
