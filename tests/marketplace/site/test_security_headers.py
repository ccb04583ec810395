import io
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client

from tests.i18n.test_crawl import _public_urls


@pytest.mark.django_db
def test_public_pages_forbid_inline_scripts(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert script_src.strip() == "script-src 'self'"
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_admin_keeps_a_policy_without_third_party_scripts(client):
    response = client.get("/admin/login/")
    policy = response["Content-Security-Policy"]
    assert "object-src 'none'" in policy
    assert "http" not in policy.split("script-src")[1].split(";")[0]


def _directive(policy: str, name: str) -> str:
    return next(
        (part.strip() for part in policy.split(";") if part.strip().startswith(name + " ")), ""
    )


class _InlineStyles(HTMLParser):
    """Every `style` attribute and <style> element of a page."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"<{tag} style={value!r}>" for name, value in attrs if name == "style"]

    handle_startendtag = handle_starttag


@pytest.mark.django_db
def test_the_public_policy_allows_no_inline_style_and_the_admin_keeps_its_own(client):
    public = client.get("/en/")["Content-Security-Policy"]
    assert _directive(public, "style-src") == "style-src 'self'"
    admin = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in _directive(admin, "style-src")  # Wagtail's admin needs it


@pytest.mark.django_db
def test_public_pages_carry_no_inline_style():
    """The demo's public pages in English (home, challenges, proposals, pilots with their
    feedback bars, offerings, organisations, the catalogue): no `style` attribute or element,
    which the policy would block, and the policy on each."""
    call_command("seed_demo", stdout=io.StringIO())
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    urls = _public_urls("en")
    offenders, policies, meters = [], set(), 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        policies.add(_directive(response["Content-Security-Policy"], "style-src"))
        html = response.content.decode()
        meters += html.count("<meter ")
        parser = _InlineStyles()
        parser.feed(html)
        offenders += [(url, found) for found in parser.found]
    assert not offenders, offenders[:10]
    assert policies == {"style-src 'self'"}
    assert meters, "a pilot's feedback distribution was crawled"
    for kind in ("/pilots/", "/offerings/", "/proposals/"):
        assert any(kind in url for url in urls), kind
