"""The page chrome a visitor relies on: the logo, the menu button that opens the navigation
without JavaScript, the favicons, and page titles that name the page (never "Tori – Tori")."""

import re
from html import unescape

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings
from wagtail.models import Locale

from cms.models import HomePage
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import UserFactory

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def title_of(response) -> str:
    return unescape(TITLE.search(response.content.decode()).group(1)).strip()


def static_file(href: str) -> str | None:
    assert href.startswith("/static/"), href
    return finders.find(href.removeprefix("/static/"))


@pytest.mark.django_db
def test_menu_button_links_to_the_navigation_it_opens(client):
    html = client.get("/en/").content.decode()
    button = re.search(
        r'<a class="menu-toggle" href="#(?P<id>[\w-]+)" aria-controls="(?P<c>[\w-]+)"', html
    )
    assert button, "the menu button is missing"
    assert button["id"] == button["c"] == "site-menu"
    menu = html[html.index('id="site-menu"') :]
    # The main navigation, the account links and the language switcher are all in the menu.
    for part in ('class="main-nav"', 'class="account-nav"', 'class="language-switcher"'):
        assert part in menu[: menu.index("</header>")], part
    assert ">Menu</a>" in html


@pytest.mark.django_db
def test_logo_has_a_text_alternative_and_links_home(client):
    html = client.get("/fi/").content.decode()
    brand = re.search(
        r'<a class="brand" href="(?P<href>[^"]+)">\s*<svg class="brand-logo"[^>]* role="img" aria-label="(?P<alt>[^"]*)"',
        html,
    )
    assert brand, "the logo is missing"
    assert brand["href"] == "/fi/"
    assert brand["alt"] == "Tori"
    # The stand-alone logo file (error pages, sharing) is there too.
    assert finders.find("img/tori-logo.svg")


@pytest.mark.django_db
def test_favicons_are_linked_and_exist(client):
    html = client.get("/en/").content.decode()
    icons = re.findall(r'<link rel="(icon|apple-touch-icon)" href="([^"]+)"', html)
    kinds = {href.rsplit(".", 1)[-1] for _rel, href in icons}
    assert {"svg", "png", "ico"} <= kinds
    assert any(rel == "apple-touch-icon" for rel, _href in icons)
    for _rel, href in icons:
        assert static_file(href), href


@pytest.mark.django_db
def test_favicon_ico_at_the_root_is_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert static_file(response["Location"])


@pytest.mark.django_db
def test_signed_in_account_links_sit_in_a_disclosure_under_the_name(client):
    user = UserFactory(display_name="Paula Partner")
    client.force_login(user)
    html = client.get("/en/").content.decode()
    account = html[html.index('class="account-nav"') : html.index('class="language-switcher"')]
    assert '<details class="account-menu">' in account
    summary = re.search(r"<summary>(.*?)</summary>", account, re.S).group(1)
    assert "Paula Partner" in summary
    for text in ("My proposals", "My votes", "Notifications", "Your profile", "Sign out"):
        assert text in account[account.index("</summary>") :], text


@pytest.mark.django_db
def test_home_page_title_is_tori_and_the_tagline(client):
    assert title_of(client.get("/en/")) == "Tori – marketplace for public service ideas"
    assert title_of(client.get("/fi/")) == "Tori – julkisten palveluideoiden tori"


@pytest.mark.django_db
def test_a_home_page_titled_tori_never_reads_tori_tori(client):
    home = HomePage.objects.get(locale=Locale.get_default())
    home.title = "Tori"
    home.save_revision().publish()
    assert "Tori – Tori" not in title_of(client.get("/fi/"))


@pytest.mark.django_db
def test_challenge_and_proposal_titles_name_the_page_then_tori(client):
    challenge = make_challenge(phase="voting", title="Quiet museum mornings")
    proposal = ProposalFactory(challenge=challenge, title="Sensory-friendly hours")
    assert title_of(client.get(challenge.url)) == "Quiet museum mornings – Tori"
    assert title_of(client.get(proposal.get_absolute_url())) == "Sensory-friendly hours – Tori"


@pytest.mark.django_db
def test_seo_title_wins_over_the_page_title(client):
    challenge = make_challenge(title="Quiet museum mornings", seo_title="Calm visits")
    assert title_of(client.get(challenge.url)) == "Calm visits – Tori"


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_error_pages_carry_the_logo(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert title_of(response) == "Page not found – Tori"
    assert 'class="brand-logo"' in response.content.decode()
