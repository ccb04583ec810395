"""A page shows the active language's translation and falls back to the original."""

import pytest
from wagtail.models import Locale

from cms.models import HomePage
from tests.factories.cms import (
    CustomerGroupFactory,
    ThemeFactory,
    challenge_index,
    make_challenge,
    publish_translation,
    translate_snippet,
)
from tests.factories.ideas import ProposalFactory


@pytest.fixture
def swedish_tree(db):
    """The Swedish home and challenge index, published."""
    home = HomePage.objects.get(locale=Locale.get_default())
    sv_home = publish_translation(home, "sv", title="Torget")
    sv_index = publish_translation(challenge_index(), "sv", title="Utmaningar", slug="utmaningar")
    return sv_home, sv_index


def _titles(response):
    return [card["page"].title for card in response.context["challenges"]]


@pytest.mark.django_db
def test_untranslated_challenge_shows_the_original_under_the_swedish_prefix(client, swedish_tree):
    _, sv_index = swedish_tree
    page = make_challenge(title="Perheviikonloput")
    response = client.get(f"/sv/utmaningar/{page.slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="sv">' in body
    assert "Perheviikonloput" in body
    assert response.context["page"].pk == page.pk


@pytest.mark.django_db
def test_untranslated_challenge_also_falls_back_without_a_swedish_index(client):
    page = make_challenge(title="Perheviikonloput")
    home = HomePage.objects.get(locale=Locale.get_default())
    publish_translation(home, "sv", title="Torget")
    response = client.get(f"/sv/{challenge_index().slug}/{page.slug}/")
    assert response.status_code == 200
    assert response.context["page"].pk == page.pk


@pytest.mark.django_db
def test_translated_challenge_shows_the_translation(client, swedish_tree):
    page = make_challenge(title="Perheviikonloput")
    sv = publish_translation(page, "sv", title="Familjehelger", summary="Hela dagen på museet")
    response = client.get(sv.get_url())
    assert sv.get_url() == f"/sv/utmaningar/{page.slug}/"
    assert response.status_code == 200
    assert "Familjehelger" in response.content.decode()
    assert "Perheviikonloput" not in response.content.decode()
    # the Finnish address still shows the Finnish original
    assert "Perheviikonloput" in client.get(page.get_url()).content.decode()


@pytest.mark.django_db
def test_a_draft_translation_falls_back_to_the_original(client, swedish_tree):
    page = make_challenge(title="Perheviikonloput")
    draft = page.copy_for_translation(Locale.objects.get(language_code="sv"))
    draft.title = "Familjehelger (utkast)"
    draft.save_revision()
    response = client.get(f"/sv/utmaningar/{page.slug}/")
    assert response.status_code == 200
    assert "Perheviikonloput" in response.content.decode()
    assert "utkast" not in response.content.decode()


@pytest.mark.django_db
def test_unknown_pages_are_still_404_in_every_language(client, swedish_tree):
    assert client.get("/sv/utmaningar/no-such-challenge/").status_code == 404
    assert client.get("/fi/no-such-page/").status_code == 404


@pytest.mark.django_db
def test_listing_shows_each_challenge_once_localized_when_translated(client, swedish_tree):
    translated = make_challenge(title="Perheviikonloput")
    publish_translation(translated, "sv", title="Familjehelger")
    make_challenge(title="Etäoppitunnit")
    response = client.get("/sv/utmaningar/")
    assert sorted(_titles(response)) == ["Etäoppitunnit", "Familjehelger"]
    urls = sorted(card["url"] for card in response.context["challenges"])
    assert all(url.startswith("/sv/utmaningar/") for url in urls)
    # the Finnish listing shows the originals
    assert sorted(_titles(client.get(challenge_index().get_url()))) == [
        "Etäoppitunnit",
        "Perheviikonloput",
    ]


@pytest.mark.django_db
def test_snippet_names_in_the_active_language_with_fallback(client, swedish_tree):
    seniors = CustomerGroupFactory(name="Ikääntyneet", slug="seniors")
    translate_snippet(seniors, "sv", name="Äldre")
    families = CustomerGroupFactory(name="Lapsiperheet", slug="families")  # no Swedish name
    learning = ThemeFactory(name="Oppiminen", slug="learning")
    translate_snippet(learning, "sv", name="Lärande")
    page = make_challenge(
        title="Museo kotiin", customer_groups=[seniors, families], themes=[learning]
    )

    body = client.get(f"/sv/utmaningar/{page.slug}/").content.decode()
    assert "Äldre" in body and "Lapsiperheet" in body and "Lärande" in body
    assert "Ikääntyneet" not in body

    listing = client.get("/sv/utmaningar/")
    (card,) = listing.context["challenges"]
    assert [g.name for g in card["customer_groups"]] == ["Lapsiperheet", "Äldre"]
    # the filter's choices are localized too
    choices = dict(listing.context["filter"].form.fields["group"].choices)
    assert choices == {"seniors": "Äldre", "families": "Lapsiperheet"}


@pytest.mark.django_db
def test_translated_page_counts_the_originals_public_proposals(client, swedish_tree):
    page = make_challenge(title="Perheviikonloput")
    sv = publish_translation(page, "sv", title="Familjehelger")
    ProposalFactory(challenge=page, publication_consent=True)
    ProposalFactory(challenge=page, publication_consent=True)
    ProposalFactory(challenge=page, publication_consent=False)  # confidential
    response = client.get(sv.get_url())
    assert response.context["public_proposal_count"] == 2
    assert response.context["original"].pk == page.pk


@pytest.mark.django_db
def test_main_menu_links_to_the_challenges_of_the_active_language(client, swedish_tree):
    body = client.get("/sv/").content.decode()
    assert 'href="/sv/utmaningar/"' in body
    body = client.get("/en/").content.decode()  # no English index: the original, English prefix
    assert f'href="/en/{challenge_index().slug}/"' in body
