"""Customer-group tags on challenge, proposal and offering cards and pages link the group's
profile in the language of the page, named in that language (or marked with its own)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from cms.models import HomePage
from tests.factories.cms import (
    CustomerGroupFactory,
    challenge_index,
    make_challenge,
    publish_translation,
    translate_snippet,
)
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seniors():
    group = CustomerGroupFactory(name="Ikäihmiset", slug="seniors")
    translate_snippet(group, "sv", name="Seniorer")
    return group


@pytest.fixture
def schools():
    """A group with no Swedish copy: shown in Finnish, marked so."""
    return CustomerGroupFactory(name="Koululaiset", slug="schools")


def _links(html):
    """{href: (lang attribute or "", text)} of every link to a customer-group profile."""
    found = {}
    for attrs, text in re.findall(r"<a ([^>]*customer-groups/[^>]*)>([^<]*)</a>", html):
        href = re.search(r'href="([^"]+)"', attrs).group(1)
        lang = re.search(r'lang="([^"]+)"', attrs)
        found[href] = (lang.group(1) if lang else "", text)
    return found


def _expect(html, language):
    links = _links(html)
    seniors = "Seniorer" if language == "sv" else "Ikäihmiset"
    assert links[f"/{language}/customer-groups/seniors/"] == ("", seniors)
    assert links[f"/{language}/customer-groups/schools/"] == (
        "fi" if language == "sv" else "",
        "Koululaiset",
    )


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_challenge_card_and_page_link_the_profiles(client, seniors, schools, language):
    home = HomePage.objects.get(locale=Locale.get_default())
    publish_translation(home, "sv", title="Torget")
    sv_index = publish_translation(challenge_index(), "sv", title="Utmaningar", slug="utmaningar")
    challenge = make_challenge(title="Museum nights", customer_groups=[seniors, schools])
    translated = publish_translation(challenge, "sv", title="Museinätter")
    index_url = sv_index.get_url() if language == "sv" else challenge_index().get_url()
    page = translated if language == "sv" else challenge

    _expect(_get(client, index_url), language)
    _expect(_get(client, page.get_url()), language)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_proposal_page_links_the_profiles(client, seniors, schools, language):
    proposal = ProposalFactory(challenge=make_challenge(title="Museum nights"))
    proposal.customer_groups.set([seniors, schools])
    with translation.override(language):
        url = proposal.get_absolute_url()
    assert url.startswith(f"/{language}/")
    _expect(_get(client, url), language)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_offering_list_and_page_link_the_profiles(client, seniors, schools, language):
    offering = OfferingFactory(title="Guided tours", customer_groups=[seniors, schools])
    with translation.override(language):
        list_url = reverse("marketplace:offering-list")
        page_url = offering.get_absolute_url()
    html = _get(client, list_url)
    _expect(html, language)
    assert re.search(rf'<a href="/{language}/customer-groups/seniors/" class="badge"', html)
    _expect(_get(client, page_url), language)
