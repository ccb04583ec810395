"""Public results on the challenge page and the decision shown to the team."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from ideas.services.reviews import decide
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import MembershipFactory, UserFactory
from tests.factories.reviews import make_evaluator, make_staff

pytestmark = pytest.mark.django_db


def render(template, user=None, **context):
    request = RequestFactory().get("/en/")
    request.user = user or AnonymousUser()
    return Template("{% load review_tags %}" + template).render(
        Context({"request": request, **context})
    )


def decided_challenge(phase, *, proposals_public=True):
    """A challenge in `phase` with one proposal per outcome, decided while it was in evaluation."""
    challenge = make_challenge(phase=phase, proposals_public=proposals_public)
    proposals = {
        "selected public": ProposalFactory(
            challenge=challenge, title="Chosen in the open", status="selected"
        ),
        "selected confidential": ProposalFactory(
            challenge=challenge,
            title="Chosen in secret",
            status="selected",
            publication_consent=False,
        ),
        "shortlisted public": ProposalFactory(
            challenge=challenge, title="On the shortlist", status="shortlisted"
        ),
        "shortlisted confidential": ProposalFactory(
            challenge=challenge,
            title="Secret shortlist",
            status="shortlisted",
            publication_consent=False,
        ),
        "declined": ProposalFactory(challenge=challenge, title="Turned down", status="declined"),
        "submitted": ProposalFactory(challenge=challenge, title="Never decided"),
    }
    return challenge, proposals


@pytest.mark.parametrize("phase", ["proposals", "voting", "evaluation"])
def test_nothing_is_shown_before_the_evaluation_ends(phase):
    challenge, _ = decided_challenge(phase)
    assert render("{% challenge_results challenge %}", challenge=challenge).strip() == ""


@pytest.mark.parametrize("phase", ["piloting", "closed"])
def test_after_the_evaluation_selected_and_public_shortlist_are_named(phase):
    challenge, proposals = decided_challenge(phase)
    html = render("{% challenge_results challenge %}", challenge=challenge)
    assert "Chosen in the open" in html
    assert proposals["selected public"].get_absolute_url() in html
    assert "On the shortlist" in html
    # Confidential titles never show; the confidential selected proposal is counted.
    assert "Chosen in secret" not in html
    assert "Secret shortlist" not in html
    assert "And 1 confidential proposal." in html
    assert "Turned down" not in html
    assert "Never decided" not in html


def test_without_public_proposals_only_a_count_of_selected_ones_shows():
    challenge, proposals = decided_challenge("piloting", proposals_public=False)
    html = render("{% challenge_results challenge %}", challenge=challenge)
    assert "2 proposals were selected; they are confidential." in html
    for proposal in proposals.values():
        assert proposal.title not in html


def test_results_take_a_constant_number_of_queries(django_assert_num_queries):
    challenge, _ = decided_challenge("piloting")
    with django_assert_num_queries(3):
        render("{% challenge_results challenge %}", challenge=challenge)
    for i in range(20):
        ProposalFactory(challenge=challenge, title=f"More {i}", status="selected")
    with django_assert_num_queries(3):
        render("{% challenge_results challenge %}", challenge=challenge)


def test_the_decline_reason_is_shown_to_the_team_only(django_capture_on_commit_callbacks):
    challenge = make_challenge(phase="evaluation")
    proposal = ProposalFactory(challenge=challenge)
    member = UserFactory()
    MembershipFactory(user=member, organisation=proposal.lead_organisation)
    decide(
        proposals=[proposal], to_status="declined", by=make_staff(), reason="Too costly to pilot."
    )

    assert "Too costly to pilot." in render(
        "{% decision_for_team proposal %}", member, proposal=proposal
    )
    assert "Too costly to pilot." in render(
        "{% decision_for_team proposal %}", make_staff(), proposal=proposal
    )
    for outsider in (AnonymousUser(), UserFactory(), make_evaluator(challenge)):
        assert render("{% decision_for_team proposal %}", outsider, proposal=proposal).strip() == ""


def test_evaluation_nav_item_is_shown_to_evaluators_only():
    assert "/evaluation/" in render("{% evaluation_nav_item %}", make_evaluator())
    assert render("{% evaluation_nav_item %}", UserFactory()).strip() == ""
