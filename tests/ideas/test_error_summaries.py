"""Forms that lay out their own fields (score rows, the ranking's table, the challenge filters,
the catalogue's search box) still open with the error summary, and each of its links leads to
an input that is on the page and says it is invalid."""

import re

import pytest
from django.urls import reverse

from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.reviews import make_evaluator, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    return make_challenge(phase="evaluation", criteria=(("Impact", 2), ("Feasibility", 1)))


def summary_links(html):
    summary = re.search(r'<div class="[^"]*error-summary[^"]*".*?</div>', html, re.S)
    assert summary, "no error summary"
    assert 'tabindex="-1"' in summary.group(0) and "autofocus" in summary.group(0)
    return re.findall(r'<a href="#([^"]+)">([^<]*)</a>', summary.group(0))


def target(html, anchor):
    """The element the link moves to, which must exist once on the page."""
    found = re.findall(rf'<[^>]+ id="{re.escape(anchor)}"[^>]*>', html)
    assert len(found) == 1, anchor
    return found[0]


def test_a_review_missing_a_score_links_to_the_score_row(client, challenge):
    proposal = ProposalFactory(challenge=challenge)
    client.force_login(make_evaluator(challenge))
    feasibility = challenge.criteria.get(name="Feasibility")
    impact = challenge.criteria.get(name="Impact")
    url = f"/en/evaluation/{challenge.pk}/proposals/{proposal.pk}/"
    html = client.post(url, {f"criterion_{impact.pk}": 5, "submit": "1"}).content.decode()
    links = summary_links(html)
    assert links == [
        (f"id_criterion_{feasibility.pk}_0", "Feasibility: Score this criterion before submitting.")
    ]
    target(html, links[0][0])
    # The error sits in the row, and the row is described by it.
    assert f'id="id_criterion_{feasibility.pk}_error"' in html
    assert re.search(
        rf'<fieldset[^>]*aria-describedby="[^"]*id_criterion_{feasibility.pk}_error"', html
    )


def test_a_refused_decision_links_to_the_table_and_the_reason(client, challenge):
    ProposalFactory(challenge=challenge)
    client.force_login(make_staff())
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = reverse("ideas_evaluation_ranking", args=[challenge.pk])
    html = client.post(url, {"status": "declined", "reason": ""}).content.decode()
    anchors = [anchor for anchor, _label in summary_links(html)]
    assert anchors == ["id_proposals_0", "id_reason"]
    assert 'aria-invalid="true"' in target(html, "id_proposals_0")
    reason = target(html, "id_reason")
    assert 'aria-invalid="true"' in reason and 'maxlength="2000"' in reason
    assert "At most 2,000 characters." in html


def test_a_wrong_filter_value_on_the_challenge_listing_is_summarised(client, challenge):
    html = client.get(challenge.get_parent().url, {"phase": "nonsense"}).content.decode()
    links = summary_links(html)
    assert [anchor for anchor, _label in links] == ["id_phase_0"]
    target(html, "id_phase_0")
    assert re.search(r'<fieldset class="has-error" aria-describedby="id_phase_error">', html)


def test_a_too_long_catalogue_search_links_to_the_search_box(client):
    html = client.get(reverse("search:catalogue"), {"q": "x" * 201}).content.decode()
    assert [anchor for anchor, _label in summary_links(html)] == ["id_q"]
    box = target(html, "id_q")
    assert 'aria-invalid="true"' in box and 'aria-describedby="id_q_error"' in box
    assert 'id="id_q_error"' in html


def test_banning_an_unknown_address_links_to_the_address_box(client):
    client.force_login(make_staff(is_superuser=True, is_staff=True))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.post(reverse("ideas_votes:index"), {"email": "nobody@example.org"})
    html = response.content.decode()
    assert summary_links(html) == [
        ("id_email", "E-mail address of the account to ban: No account has this e-mail address.")
    ]
    assert 'aria-invalid="true"' in target(html, "id_email")
