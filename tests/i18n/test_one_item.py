"""A challenge, customer group or theme and its translations are one item: lists, filters,
dashboards and evaluation pages show it once, in the active language (else the default
language, marked with `lang`), and counts add up across its language copies."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from cms.localize import localized, localized_items, originals
from cms.models import ChallengePage, CustomerGroup
from ideas.models import EvaluatorAssignment
from ideas.selectors.reviews import challenge_criteria
from marketplace.selectors.dashboard import challenge_funnels
from tests.factories.cms import (
    CustomerGroupFactory,
    ThemeFactory,
    make_challenge,
    publish_translation,
    translate_snippet,
)
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import OfferingFactory, PilotFactory, selected_proposal
from tests.ideas.proposal_helpers import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def families():
    fi = CustomerGroupFactory(name="Lapsiperheet", slug="lapsiperheet")
    sv = translate_snippet(fi, "sv", name="Barnfamiljer", slug="barnfamiljer")
    en = translate_snippet(fi, "en", name="Families with children", slug="families")
    return fi, sv, en


@pytest.fixture
def challenge(families):
    page = make_challenge(
        phase="piloting", title="Perheviikonloput museossa", customer_groups=[families[0]]
    )
    publish_translation(page, "sv", title="Familjehelger på museet", slug="familjehelger")
    publish_translation(page, "en", title="Family weekends at the museum", slug="family-weekends")
    return page


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_the_pilot_filter_lists_each_challenge_once_in_the_pages_language(client, challenge):
    PilotFactory(proposal=selected_proposal(challenge=challenge), published=True)
    html = client.get("/sv/pilots/").content.decode()
    options = _options(html, "challenge")
    assert "Familjehelger på museet" in options
    assert "Perheviikonloput museossa" not in options
    assert "Family weekends at the museum" not in options
    assert options.count("Familjehelger på museet") == 1


def test_the_offering_filter_lists_each_customer_group_once_and_matches_every_copy(
    client, families
):
    fi, sv, _en = families
    tagged_fi = OfferingFactory(published=True, title="Perhepaketti")
    tagged_fi.customer_groups.set([fi])
    tagged_sv = OfferingFactory(published=True, title="Familjepaket")
    tagged_sv.customer_groups.set([sv])
    html = client.get("/sv/offerings/").content.decode()
    options = _options(html, "customer_group")
    assert "Barnfamiljer" in options
    assert "Lapsiperheet" not in options and "Families with children" not in options
    chosen = client.get(f"/sv/offerings/?customer_group={fi.pk}").content.decode()
    assert "Perhepaketti" in chosen and "Familjepaket" in chosen
    # The badges on the cards name the group in Swedish, whichever copy was tagged, and link
    # its Swedish profile.
    assert chosen.count('class="badge">Barnfamiljer</a>') == 2


def test_a_missing_translation_falls_back_to_the_original_marked_with_its_language(client):
    group = CustomerGroupFactory(name="Ikääntyneet", slug="ikaantyneet")
    offering = OfferingFactory(published=True, title="Muistikahvila")
    offering.customer_groups.set([group])
    html = client.get(f"/sv/offerings/{offering.slug}/").content.decode()
    # The group links to its profile; the Finnish name is marked as Finnish.
    assert 'lang="fi">Ikääntyneet</a>' in html


def test_the_proposal_page_names_the_challenge_and_groups_in_the_pages_language(
    client, challenge, families
):
    proposal = ProposalFactory(challenge=challenge, status="submitted", publication_consent=True)
    proposal.customer_groups.set([families[0]])
    html = client.get(f"/sv/proposals/{proposal.pk}/").content.decode()
    assert "Familjehelger på museet" in html and "Barnfamiljer" in html
    assert "Perheviikonloput museossa" not in html and "Lapsiperheet" not in html


def test_the_dashboard_shows_each_challenge_once_and_counts_every_copy(client, challenge):
    swedish_copy = challenge.get_translation(challenge.get_translations().first().locale)
    ProposalFactory(challenge=challenge, status="submitted")
    # A proposal that names another language copy still counts for the one challenge.
    ProposalFactory(challenge=ChallengePage.objects.get(pk=swedish_copy.pk), status="submitted")
    funnels = [f for f in challenge_funnels() if f["id"] == challenge.pk]
    assert len(challenge_funnels()) == 1
    assert dict(funnels[0]["steps"])["submitted"] == 2
    client.force_login(staff())
    html = client.get(reverse("marketplace_dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.count(">Family weekends at the museum</h3>") == 1
    assert "Perheviikonloput museossa" not in html


def test_evaluation_lists_show_each_challenge_once_with_translated_criteria(client, challenge):
    english = challenge.get_translation(
        next(t.locale for t in challenge.get_translations() if t.locale.language_code == "en")
    ).specific
    criteria = list(english.criteria.order_by("sort_order"))
    criteria[0].name = "Impact on families"
    criteria[0].save()
    english.save_revision().publish()
    evaluator = staff("Evaluators")
    EvaluatorAssignment.objects.create(challenge=challenge, evaluator=evaluator)
    editor = staff()
    client.force_login(editor)
    admin_index = client.get(reverse("ideas_evaluation_index"), HTTP_ACCEPT_LANGUAGE="en")
    assert admin_index.content.decode().count("Family weekends at the museum") == 1
    assert "Perheviikonloput museossa" not in admin_index.content.decode()
    form = client.get(reverse("evaluator_assignments:add"), HTTP_ACCEPT_LANGUAGE="en")
    assert _options(form.content.decode(), "challenge").count("Family weekends at the museum") == 1

    with translation.override("en"):
        names = [c.name for c in challenge_criteria(challenge=challenge)]
    with translation.override("fi"):
        original = [c.name for c in challenge_criteria(challenge=challenge)]
    assert names[0] == "Impact on families"
    assert original[0] == "Impact"


def test_localized_items_collapse_copies_and_originals_keep_one_row_per_item(families):
    fi, sv, en = families
    theme = ThemeFactory(name="Oppiminen", slug="oppiminen")
    with translation.override("sv"):
        shown = localized_items([fi, sv, en])
        assert [g.name for g in shown] == ["Barnfamiljer"]
        assert localized(theme) == theme  # no Swedish copy: the original
    assert list(originals(CustomerGroup.objects.all())) == [fi]


def test_the_admin_pilot_list_names_each_challenge_once_in_the_staff_language(client, challenge):
    client.force_login(staff())
    html = client.get(reverse("pilots:index"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert html.count("Familjehelger på museet") == 1
    assert "Perheviikonloput museossa" not in html
