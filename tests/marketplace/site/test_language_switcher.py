"""The language switcher: a page's translation, else the same page under the language's prefix."""

import re

import pytest
from django.utils import translation
from wagtail.models import Locale

from cms.models import HomePage
from tests.factories.cms import challenge_index, make_challenge, publish_translation

SWITCHER = re.compile(r'<nav class="language-switcher".*?</nav>', re.S)


def switcher_links(response) -> dict[str, str]:
    nav = SWITCHER.search(response.content.decode()).group(0)
    return {code: href for href, code in re.findall(r'<a href="([^"]*)" lang="(\w+)"', nav)}


@pytest.mark.django_db
def test_untranslated_page_links_to_itself_under_each_language_prefix(client):
    home = HomePage.objects.get(locale=Locale.get_default())
    publish_translation(home, "sv", title="Torget")
    publish_translation(challenge_index(), "sv", title="Utmaningar", slug="utmaningar")
    challenge = make_challenge(title="Koululuokat", slug="koululuokat")

    links = switcher_links(client.get(challenge.url))

    # Swedish: under the translated index, which serves the Finnish original.
    assert links["sv"] == "/sv/utmaningar/koululuokat/"
    # English: no translations at all, the home page falls back along the original's path.
    assert links["en"] == f"/en/{challenge.url.removeprefix('/fi/')}"
    for code in ("sv", "en"):
        response = client.get(links[code])
        assert response.status_code == 200
        assert "Koululuokat" in response.content.decode()


@pytest.mark.django_db
def test_translated_page_links_to_its_translation(client):
    home = HomePage.objects.get(locale=Locale.get_default())
    publish_translation(home, "sv", title="Torget")
    publish_translation(challenge_index(), "sv", title="Utmaningar", slug="utmaningar")
    challenge = make_challenge(title="Perheviikonloput", slug="perheviikonloput")
    swedish = publish_translation(challenge, "sv", title="Familjehelger", slug="familjehelger")

    links = switcher_links(client.get(challenge.url))

    assert links["sv"] == swedish.url == "/sv/utmaningar/familjehelger/"
    assert links["fi"] == challenge.url


@pytest.mark.django_db
def test_page_unreachable_under_a_language_links_to_its_home(client, monkeypatch):
    from django.http import Http404

    from cms.models import StandardPage

    home = HomePage.objects.get(locale=Locale.get_default())
    page = StandardPage(title="Saavutettavuus", slug="saavutettavuus")
    home.add_child(instance=page)
    page.save_revision().publish()
    assert switcher_links(client.get(page.url))["sv"] == "/sv/saavutettavuus/"

    # When the Swedish prefix cannot route to the page, the switcher offers the Swedish home.
    real_route = HomePage.route

    def route(self, request, components):
        if translation.get_language() == "fi":
            return real_route(self, request, components)
        raise Http404

    monkeypatch.setattr(HomePage, "route", route)
    # Links are cached until pages change (a publish bumps the cache); routing changed here
    # without one, so start from an empty cache.
    from django.core.cache import cache

    cache.clear()
    assert switcher_links(client.get(page.url))["sv"] == "/sv/"
