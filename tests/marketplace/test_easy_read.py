"""Easy-read summaries (selkokieli, lättläst) on challenge, pilot and offering pages: marked
and in their own language, first for those who choose them, after the normal text for others."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from marketplace.models import Offering
from tests.factories.cms import make_challenge, publish_translation
from tests.factories.marketplace import OfferingFactory, PilotFactory
from tests.factories.partners import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

EASY = "Museo kokeilee uutta asiaa."
NORMAL = "Normal summary text"


def _order(html: str) -> str:
    """ "easy" when the easy-read text comes before the normal summary, else "normal"."""
    html = html[html.index("<h1") :]  # the page's content, not its description in <head>
    return "easy" if html.index(EASY) < html.index(NORMAL) else "normal"


def _challenge_url():
    page = make_challenge(title="Museum nights", summary=NORMAL, easy_read_summary=EASY)
    return page.url


def _pilot_url():
    pilot = PilotFactory(public_summary=NORMAL, easy_read_summary=EASY, language="fi")
    with translation.override("fi"):
        return pilot.get_absolute_url()


def _offering_url():
    offering = OfferingFactory(summary=NORMAL, easy_read_summary=EASY, language="fi")
    with translation.override("fi"):
        return offering.get_absolute_url()


PAGES = {"challenge": _challenge_url, "pilot": _pilot_url, "offering": _offering_url}


@pytest.mark.parametrize("kind", PAGES)
def test_easy_read_comes_after_the_normal_text_collapsed_by_default(client, kind):
    html = client.get(PAGES[kind]()).content.decode()
    assert _order(html) == "normal"
    details = html[html.index('<details class="easy-read"') :]
    assert details.index("Selkokielellä") < details.index(EASY) < details.index("</details>")
    assert '<div lang="fi">' in details
    assert "?easy-read=1" in details


@pytest.mark.parametrize("kind", PAGES)
def test_the_toggle_shows_easy_read_first_without_javascript(client, kind):
    url = PAGES[kind]()
    html = client.get(url + "?easy-read=1").content.decode()
    assert _order(html) == "easy"
    assert "<details" not in html[: html.index(EASY)].split('class="easy-read"')[-1]
    assert "?easy-read=0" in html


@pytest.mark.parametrize("kind", PAGES)
def test_a_person_who_prefers_easy_read_sees_it_first(client, kind):
    url = PAGES[kind]()
    client.force_login(UserFactory(prefers_easy_read=True))
    assert _order(client.get(url).content.decode()) == "easy"
    # The toggle overrides the preference for this page.
    assert _order(client.get(url + "?easy-read=0").content.decode()) == "normal"


def test_without_an_easy_read_summary_nothing_is_shown(client):
    pilot = PilotFactory(public_summary=NORMAL)
    html = client.get(pilot.get_absolute_url() + "?easy-read=1").content.decode()
    assert 'class="easy-read"' not in html and NORMAL in html


def test_swedish_page_labels_it_and_marks_a_finnish_fallback(client):
    pilot = PilotFactory(public_summary=NORMAL, easy_read_summary=EASY, language="fi")
    with translation.override("sv"):
        html = client.get(pilot.get_absolute_url() + "?easy-read=1").content.decode()
    assert "På lättläst svenska" in html and '<div lang="fi">' in html


def test_a_translated_easy_read_summary_is_shown_in_its_language(client):
    pilot = PilotFactory(
        public_summary=NORMAL,
        easy_read_summary=EASY,
        language="fi",
        translations={"sv": {"easy_read_summary": "Museet prövar något nytt."}},
    )
    with translation.override("sv"):
        html = client.get(pilot.get_absolute_url()).content.decode()
    assert '<div lang="sv">' in html and "Museet prövar något nytt." in html


def test_challenge_translation_shows_its_own_easy_read_summary(client):
    page = make_challenge(title="Museum nights", summary=NORMAL, easy_read_summary=EASY)
    sv = publish_translation(page, "sv", easy_read_summary="Lättläst text.")
    html = client.get(sv.url + "?easy-read=1").content.decode()
    assert "På lättläst svenska" in html and "Lättläst text." in html


def test_the_anonymous_page_cache_keeps_both_orders_apart(settings):
    settings.TORI_PAGE_CACHE_SECONDS = 30
    cache.clear()
    try:
        url = _pilot_url()
        anonymous = Client()
        assert _order(anonymous.get(url).content.decode()) == "normal"
        assert _order(anonymous.get(url + "?easy-read=1").content.decode()) == "easy"
        again = anonymous.get(url)
        assert again["X-Page-Cache"] == "hit" and _order(again.content.decode()) == "normal"
    finally:
        cache.clear()


def test_the_preference_is_saved_in_the_profile(client):
    user = UserFactory()
    client.force_login(user)
    form = client.get(reverse("partners:profile")).content.decode()
    assert 'name="prefers_easy_read"' in form
    response = client.post(
        reverse("partners:profile"),
        {"display_name": user.display_name, "preferred_language": "fi", "prefers_easy_read": "on"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.prefers_easy_read
    client.post(
        reverse("partners:profile"), {"display_name": user.display_name, "preferred_language": "fi"}
    )
    user.refresh_from_db()
    assert not user.prefers_easy_read


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(groups=["Editors", "Moderators"], is_staff=True))
    return client


def test_staff_write_a_pilots_easy_read_summary_and_its_translation(staff_client):
    pilot = PilotFactory(language="fi")
    response = staff_client.post(
        reverse("pilots:edit", args=[pilot.pk]),
        {
            "language": "fi",
            "title": pilot.title,
            "venue": pilot.venue,
            "start_date": pilot.start_date.isoformat(),
            "end_date": pilot.end_date.isoformat(),
            "public_summary": pilot.public_summary,
            "easy_read_summary": EASY,
            "easy_read_summary__sv": "Museet prövar något nytt.",
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    pilot.refresh_from_db()
    assert pilot.easy_read_summary == EASY
    assert pilot.text("easy_read_summary", "sv") == "Museet prövar något nytt."


def test_staff_write_an_offerings_easy_read_summary_and_its_translation(staff_client):
    provider = OrganisationFactory()
    response = staff_client.post(
        reverse("offerings:add"),
        {
            "language": "fi",
            "title": "Selkotekstit",
            "slug": "",
            "summary": NORMAL,
            "easy_read_summary": EASY,
            "easy_read_summary__sv": "Lättlästa texter.",
            "providers": [provider.pk],
            "price_model": "free",
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    offering = Offering.objects.get()
    assert offering.easy_read_summary == EASY
    assert offering.text("easy_read_summary", "sv") == "Lättlästa texter."
