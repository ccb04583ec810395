"""The challenge listing: filters (OR within, AND across), sorting, feeds, sitemap, query budgets."""

from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.models import HomePage
from tests.factories.cms import (
    CustomerGroupFactory,
    ThemeFactory,
    challenge_index,
    make_challenge,
    publish_translation,
)


def _titles(response):
    return sorted(card["page"].title for card in response.context["challenges"])


@pytest.fixture
def tagged(db):
    seniors = CustomerGroupFactory(name="Seniors", slug="seniors")
    families = CustomerGroupFactory(name="Families", slug="families")
    schools = CustomerGroupFactory(name="Schools", slug="schools")
    digital = ThemeFactory(name="Digital", slug="digital")
    learning = ThemeFactory(name="Learning", slug="learning")
    make_challenge(title="A", phase="proposals", customer_groups=[seniors], themes=[digital])
    make_challenge(title="B", phase="voting", customer_groups=[families], themes=[digital])
    make_challenge(
        title="C", phase="evaluation", customer_groups=[seniors, families], themes=[learning]
    )
    make_challenge(title="D", phase="closed", customer_groups=[schools], themes=[learning, digital])
    return challenge_index().get_url()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["A", "B", "C", "D"]),
        ("group=seniors", ["A", "C"]),
        ("group=seniors&group=families", ["A", "B", "C"]),  # OR inside a filter
        ("theme=learning", ["C", "D"]),
        ("group=seniors&theme=digital", ["A"]),  # AND across filters
        ("group=seniors&group=schools&theme=learning", ["C", "D"]),
        ("phase=proposals", ["A"]),
        ("phase=proposals&phase=closed", ["A", "D"]),
        ("phase=voting&group=families&theme=digital", ["B"]),
        ("phase=upcoming", []),
    ],
)
def test_filters_or_within_and_across(client, tagged, query, expected):
    response = client.get(f"{tagged}?{query}")
    assert response.status_code == 200
    assert _titles(response) == expected


@pytest.mark.django_db
def test_filters_are_checkboxes_in_a_get_form_that_works_without_javascript(client, tagged):
    body = client.get(f"{tagged}?group=seniors").content.decode()
    assert '<form method="get"' in body
    choices = {
        c.data["value"]: c.data["attrs"]["id"]
        for c in client.get(tagged).context["filter"].form["group"]
    }
    seniors, families = choices["seniors"], choices["families"]
    assert f'<input type="checkbox" name="group" value="seniors" id="{seniors}" checked>' in body
    assert f'<input type="checkbox" name="group" value="families" id="{families}">' in body
    assert f'<label class="inline" for="{seniors}">Seniors</label>' in body


@pytest.mark.django_db
def test_unknown_filter_values_are_reported_not_a_500(client, tagged):
    response = client.get(f"{tagged}?phase=bogus&group=nobody")
    assert response.status_code == 200
    errors = response.context["filter"].form.errors
    assert "phase" in errors and "group" in errors
    assert "bogus" in response.content.decode()


@pytest.mark.django_db
def test_sorted_by_next_deadline_closed_last(client):
    make_challenge(title="Closed", phase="closed")
    make_challenge(title="Piloting", phase="piloting")  # ends in 5 days
    make_challenge(title="Upcoming", phase="upcoming")  # opens in 5 days
    make_challenge(title="Proposals", phase="proposals")  # closes in 5 days
    response = client.get(challenge_index().get_url())
    titles = [card["page"].title for card in response.context["challenges"]]
    assert titles[-1] == "Closed"
    deadlines = [card["next_deadline"] for card in response.context["challenges"][:-1]]
    assert deadlines == sorted(deadlines)
    assert response.context["challenges"][-1]["next_deadline"] is None


@pytest.mark.django_db
def test_drafts_are_not_listed(client):
    make_challenge(title="Published")
    make_challenge(title="Draft", publish=False)
    assert _titles(client.get(challenge_index().get_url())) == ["Published"]


# --- Feeds -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "content_type"), [("atom", "application/atom+xml"), ("rss", "application/rss+xml")]
)
def test_feeds_list_live_challenges_and_are_linked_from_the_listing(client, kind, content_type):
    make_challenge(title="Perheviikonloput")
    make_challenge(title="Luonnos", publish=False)
    index = challenge_index()
    feed_url = f"{index.get_url()}feed/{kind}/"
    listing = client.get(index.get_url()).content.decode()
    assert f'<link rel="alternate" type="{content_type}"' in listing
    assert f'href="{feed_url}"' in listing

    response = client.get(feed_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    body = response.content.decode()
    assert "Perheviikonloput" in body
    assert "Luonnos" not in body
    ElementTree.fromstring(response.content)  # noqa: S314 - our own response; well-formed XML
    assert f"http://testserver{index.get_url()}perheviikonloput/" in body


@pytest.mark.django_db
def test_feed_per_language_localized_with_fallback(client):
    home = HomePage.objects.get(locale=Locale.get_default())
    publish_translation(home, "sv", title="Torget")
    publish_translation(challenge_index(), "sv", title="Utmaningar", slug="utmaningar")
    translated = make_challenge(title="Perheviikonloput")
    publish_translation(translated, "sv", title="Familjehelger", summary="Hela dagen")
    make_challenge(title="Koululuokat", slug="koululuokat")
    body = client.get("/sv/utmaningar/feed/atom/").content.decode()
    assert "Familjehelger" in body and "Koululuokat" in body
    assert "Perheviikonloput" not in body
    assert 'xml:lang="sv"' in body
    # the untranslated original is linked under the Swedish index, which serves it
    assert "http://testserver/sv/utmaningar/koululuokat/" in body
    assert client.get("/sv/utmaningar/koululuokat/").status_code == 200


# --- Sitemap ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sitemap_lists_every_live_public_page_in_every_language(client):
    home = HomePage.objects.get(locale=Locale.get_default())
    publish_translation(home, "sv", title="Torget")
    publish_translation(home, "en", title="Tori")
    publish_translation(challenge_index(), "sv", title="Utmaningar", slug="utmaningar")
    publish_translation(challenge_index(), "en", title="Challenges")
    page = make_challenge(title="Perheviikonloput")
    publish_translation(page, "sv", title="Familjehelger")
    publish_translation(page, "en", title="Family weekends")
    make_challenge(title="Luonnos", publish=False)

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {
        loc.text
        for loc in ElementTree.fromstring(response.content).findall(  # noqa: S314 - our own response
            "s:url/s:loc", namespace
        )
    }
    fi_index = challenge_index().get_url()
    en_index = f"/en/{challenge_index().slug}/"
    assert locations == {
        "http://testserver/fi/",
        "http://testserver/sv/",
        "http://testserver/en/",
        f"http://testserver{fi_index}",
        "http://testserver/sv/utmaningar/",
        f"http://testserver{en_index}",
        f"http://testserver{fi_index}perheviikonloput/",
        "http://testserver/sv/utmaningar/perheviikonloput/",
        f"http://testserver{en_index}perheviikonloput/",
    }
    assert not any("luonnos" in location for location in locations)
    # each listed address answers with the page in its language
    assert "Family weekends" in client.get(f"{en_index}perheviikonloput/").content.decode()


# --- Query budgets ---------------------------------------------------------------------------


def _make_many(count, groups, themes, start=0):
    for n in range(start, start + count):
        make_challenge(
            title=f"Challenge {n}",
            phase=["proposals", "voting", "evaluation", "closed"][n % 4],
            customer_groups=[groups[n % len(groups)], groups[(n + 1) % len(groups)]],
            themes=[themes[n % len(themes)]],
        )


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_listing_and_challenge_page_queries_do_not_grow_with_challenges(client, language):
    home = HomePage.objects.get(locale=Locale.get_default())
    publish_translation(home, "sv", title="Torget")
    sv_index = publish_translation(challenge_index(), "sv", title="Utmaningar", slug="utmaningar")
    groups = [CustomerGroupFactory() for _ in range(3)]
    themes = [ThemeFactory() for _ in range(2)]
    from tests.factories.cms import translate_snippet

    translate_snippet(groups[0], "sv", name="Svensk grupp")
    _make_many(5, groups, themes)
    target = make_challenge(title="Target", customer_groups=groups, themes=themes)
    publish_translation(target, "sv", title="Målet")
    index_url = sv_index.get_url() if language == "sv" else challenge_index().get_url()
    page_url = f"{index_url}{target.slug}/"
    query = "?group=" + groups[0].slug + "&group=" + groups[1].slug

    for url in (index_url, page_url):  # warm per-process caches (content types, site chrome)
        client.get(url)
    listing_5, response = _count_queries(client, index_url)
    filtered_5, _ = _count_queries(client, index_url + query)
    page_5, _ = _count_queries(client, page_url)
    assert len(response.context["challenges"]) == 6

    _make_many(95, groups, themes, start=5)
    for url in (index_url, page_url):  # publishing invalidated the site chrome (cms.cache)
        client.get(url)
    listing_100, response = _count_queries(client, index_url)
    filtered_100, _ = _count_queries(client, index_url + query)
    page_100, _ = _count_queries(client, page_url)
    assert len(response.context["challenges"]) == 101

    assert listing_5 == listing_100
    assert filtered_5 == filtered_100
    assert page_5 == page_100
