"""In a real browser: a challenge page carries its link-preview tags, and the head's JSON-LD is
data the Content-Security-Policy lets through without a nonce (it never runs)."""

import json

import pytest
from wagtail.models import Locale

from cms.models import HomePage
from tests.factories.cms import make_challenge

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_challenge_page_has_open_graph_tags(tab, settings):
    settings.SITE_URL = "https://tori.example.fi"
    challenge = make_challenge(title="Museum at home", summary="Bring the museum to <b>you</b>.")

    tab.goto(challenge.url)

    def content(selector: str) -> str:
        return tab.locator(selector).first.get_attribute("content")

    assert content('meta[property="og:title"]') == "Museum at home"
    assert content('meta[property="og:description"]') == "Bring the museum to you."
    assert content('meta[property="og:url"]') == f"https://tori.example.fi{challenge.url}"
    assert content('meta[property="og:image"]').startswith("https://tori.example.fi/static/")
    assert content('meta[property="og:locale"]') == "fi_FI"
    assert tab.locator('link[rel="canonical"]').get_attribute("href") == content(
        'meta[property="og:url"]'
    )


def test_json_ld_is_not_blocked_by_the_content_security_policy(tab):
    violations = []
    tab.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    home = HomePage.objects.get(locale=Locale.get_default())

    response = tab.goto(home.url)

    assert "script-src 'self'" in response.headers["content-security-policy"]
    text = tab.locator('script[type="application/ld+json"]').first.text_content()
    assert json.loads(text)["@type"] == "WebSite"
    assert violations == []
