"""Scores back to the teams: once the decisions are published, a proposal's team reads the
jury's mean scores, its rank band and the evaluators' comments for the team — without any
evaluator's identity, and never another team's numbers."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cms.models import EvaluationCriterion
from ideas.demo import scores as demo
from ideas.models import Review, TeamMember
from ideas.rules.reviews import can_see_own_scores
from ideas.selectors.scores import rank_band, team_scores
from ideas.services.reviews import conflict_declare, review_save
from tests.factories.cms import make_challenge, publish_translation
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import MembershipFactory, UserFactory
from tests.factories.reviews import make_evaluator, make_review, make_staff

pytestmark = pytest.mark.django_db

CRITERIA = (("Impact", 2), ("Feasibility", 1))


def reviewed(proposal, scores, *, comment_for_team="", evaluator=None, **kwargs):
    review = make_review(proposal=proposal, scores=scores, evaluator=evaluator, **kwargs)
    if comment_for_team:
        Review.objects.filter(pk=review.pk).update(comment_for_team=comment_for_team)
    return review


def team_member(proposal):
    member = UserFactory()
    MembershipFactory(user=member, organisation=proposal.lead_organisation)
    return member


@pytest.fixture
def decided():
    """A challenge past its evaluation with two declined proposals, each scored by two named
    evaluators who also left internal comments and comments for the team."""
    challenge = make_challenge(phase="piloting", criteria=CRITERIA)
    ours = ProposalFactory(challenge=challenge, title="Our proposal", status="declined")
    theirs = ProposalFactory(challenge=challenge, title="Their proposal", status="declined")
    anna = make_evaluator(challenge, display_name="Anna Arvioija", email="anna@evaluators.test")
    bertil = make_evaluator(challenge, display_name="Bertil Bedömare", email="bertil@eval.test")
    reviewed(
        ours,
        {"Impact": 4, "Feasibility": 2},
        evaluator=anna,
        comment="Internal: the budget looks padded.",
        comment_for_team="Zebra-striped idea, but the budget is unclear.",
    )
    reviewed(
        ours,
        {"Impact": 5, "Feasibility": 3},
        evaluator=bertil,
        comment_for_team="A clear plan for schools.",
    )
    reviewed(theirs, {"Impact": 1, "Feasibility": 1}, evaluator=anna, comment_for_team="Theirs.")
    # Neither a draft nor a declared conflict counts.
    reviewed(ours, {"Impact": 1, "Feasibility": 1}, submitted=False, comment_for_team="Draft.")
    reviewed(ours, {}, conflict=True, comment_for_team="Conflicted.")
    return {"challenge": challenge, "ours": ours, "theirs": theirs, "evaluators": [anna, bertil]}


def page(client, user, proposal, language="en"):
    client.force_login(user)
    with translation.override(language):
        url = proposal.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- The rule -----------------------------------------------------------------------------


def test_every_role_once_the_decisions_are_published(decided):
    ours, theirs = decided["ours"], decided["theirs"]
    personal = UserFactory()
    TeamMember.objects.create(proposal=ours, user=personal, role=TeamMember.Role.CO_DEVELOPER)
    assert can_see_own_scores(team_member(ours), ours)
    assert can_see_own_scores(personal, ours)
    assert can_see_own_scores(make_staff(), ours)  # an editor
    assert can_see_own_scores(UserFactory(groups=["Moderators"], is_staff=True), ours)
    assert can_see_own_scores(UserFactory(is_superuser=True, is_staff=True), ours)
    assert not can_see_own_scores(UserFactory(unverified=True), ours)
    assert not can_see_own_scores(team_member(theirs), ours)  # another team
    assert not can_see_own_scores(AnonymousUser(), ours)  # the public
    assert not can_see_own_scores(UserFactory(), ours)  # a signed-in resident
    assert not can_see_own_scores(decided["evaluators"][0], ours)  # its own evaluator
    assert not can_see_own_scores(make_evaluator(), ours)  # an unassigned evaluator


@pytest.mark.parametrize("phase", ["proposals", "voting", "evaluation"])
def test_nobody_sees_scores_before_the_evaluation_is_over(phase):
    challenge = make_challenge(phase=phase, criteria=CRITERIA)
    proposal = ProposalFactory(challenge=challenge, status="shortlisted")
    assert not can_see_own_scores(team_member(proposal), proposal)
    assert not can_see_own_scores(make_staff(), proposal)


@pytest.mark.parametrize("status", ["draft", "submitted", "withdrawn"])
def test_nobody_sees_scores_of_a_proposal_without_a_decision(status):
    challenge = make_challenge(phase="closed", criteria=CRITERIA)
    proposal = ProposalFactory(challenge=challenge, status=status)
    assert not can_see_own_scores(team_member(proposal), proposal)
    assert not can_see_own_scores(make_staff(), proposal)


@pytest.mark.parametrize("status", ["shortlisted", "selected", "declined"])
def test_every_decision_publishes_the_scores(status):
    challenge = make_challenge(phase="closed", criteria=CRITERIA)
    proposal = ProposalFactory(challenge=challenge, status=status)
    assert can_see_own_scores(team_member(proposal), proposal)


# --- The page -----------------------------------------------------------------------------


def test_the_team_sees_its_exact_means_and_comments(client, decided):
    html = page(client, team_member(decided["ours"]), decided["ours"])
    assert "Your scores" in html
    # Impact (4 + 5) / 2, feasibility (2 + 3) / 2; overall (2 · 4.5 + 1 · 2.5) / 3.
    assert '<th scope="row">Impact</th><td>4.50</td>' in html
    assert '<th scope="row">Feasibility</th><td>2.50</td>' in html
    assert "<td>3.83</td>" in html
    assert "The means of 2 evaluators" in html
    # Comments sorted by text, not by evaluator or time.
    assert html.index("A clear plan for schools.") < html.index("Zebra-striped idea")
    assert "Internal: the budget looks padded." not in html
    assert "Draft." not in html
    assert "Conflicted." not in html


def test_the_page_never_names_an_evaluator(client, decided):
    html = page(client, team_member(decided["ours"]), decided["ours"])
    for evaluator in decided["evaluators"]:
        assert evaluator.display_name not in html
        assert evaluator.email not in html


def test_nothing_of_another_teams_scores(client, decided):
    html = page(client, team_member(decided["ours"]), decided["ours"])
    assert "Theirs." not in html
    assert "1.00" not in html
    html = page(client, team_member(decided["theirs"]), decided["theirs"])
    assert '<th scope="row">Impact</th><td>1.00</td>' in html
    assert "4.50" not in html
    assert "A clear plan for schools." not in html


def test_the_public_and_evaluators_see_no_scores(client, decided):
    ours = decided["ours"]
    with translation.override("en"):
        url = ours.get_absolute_url()
    for user in (UserFactory(), decided["evaluators"][0], make_evaluator(decided["challenge"])):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "Your scores" not in html
        assert "A clear plan for schools." not in html
    client.logout()
    assert "A clear plan for schools." not in client.get(url).content.decode()


def test_staff_see_the_same_view(client, decided):
    html = page(client, make_staff(), decided["ours"])
    assert "<td>3.83</td>" in html
    assert "A clear plan for schools." in html


def test_finnish_numbers_and_criteria_names(client, decided):
    fi = publish_translation(decided["challenge"], "fi", title="Haaste")
    names = {"Impact": "Vaikuttavuus", "Feasibility": "Toteutettavuus"}
    for english, finnish in names.items():
        EvaluationCriterion.objects.filter(challenge=fi, name=english).update(name=finnish)
    html = page(client, team_member(decided["ours"]), decided["ours"], language="fi")
    assert '<th scope="row">Vaikuttavuus</th><td>4,50</td>' in html
    assert "<td>3,83</td>" in html


# --- The rank band ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rank", "count", "band"),
    [(1, 4, 1), (2, 4, 2), (3, 4, 3), (4, 4, 4), (1, 8, 1), (2, 8, 1), (3, 8, 2), (8, 8, 4)],
)
def test_rank_bands_are_quarters(rank, count, band):
    assert rank_band(rank, count) == band


def test_no_band_with_fewer_than_four_ranked_proposals(client, decided):
    assert rank_band(1, 3) is None
    html = page(client, team_member(decided["ours"]), decided["ours"])
    assert "No place is shown. Only 2 proposals were ranked" in html
    assert "Top quarter" not in html


def test_the_band_comes_from_the_staff_ranking(client, decided):
    challenge = decided["challenge"]
    for score in (1, 2, 3):  # six proposals: ours (3.83) is second, so in the second quarter
        other = ProposalFactory(challenge=challenge, status="declined")
        reviewed(other, {"Impact": score, "Feasibility": score})
    best = ProposalFactory(challenge=challenge, status="selected")
    reviewed(best, {"Impact": 5, "Feasibility": 5})
    assert team_scores(proposal=decided["ours"]).band == 2
    html = page(client, team_member(decided["ours"]), decided["ours"])
    assert "Second quarter" in html
    assert "6 proposals were ranked in this challenge." in html
    assert "Top quarter" in page(client, team_member(best), best)


def test_team_scores_take_a_constant_number_of_queries(decided):
    ours = decided["ours"]
    team_scores(proposal=ours)  # the languages' copies are cached after the first read
    with CaptureQueriesContext(connection) as few:
        team_scores(proposal=ours)
    for _ in range(10):
        other = ProposalFactory(challenge=decided["challenge"], status="declined")
        reviewed(other, {"Impact": 3, "Feasibility": 4}, comment_for_team="More.")
        reviewed(ours, {"Impact": 3, "Feasibility": 4}, comment_for_team="Again.")
    team_scores(proposal=ours)
    with CaptureQueriesContext(connection) as many:
        scores = team_scores(proposal=ours)
    assert len(many) == len(few), "\n".join(q["sql"][:150] for q in many.captured_queries)
    assert scores.review_count == 12


# --- The review form ----------------------------------------------------------------------


def test_the_evaluator_writes_a_comment_for_the_team(client):
    challenge = make_challenge(phase="evaluation", criteria=CRITERIA)
    proposal = ProposalFactory(challenge=challenge)
    evaluator = make_evaluator(challenge)
    client.force_login(evaluator)
    with translation.override("en"):
        url = reverse("ideas:evaluation-review", args=[challenge.pk, proposal.pk])
    form = client.get(url).content.decode()
    assert "Comment for the team" in form
    assert "without your name once the decisions are published" in form
    criteria = {c.name: c.pk for c in challenge.criteria.all()}
    response = client.post(
        url,
        {
            f"criterion_{criteria['Impact']}": "4",
            f"criterion_{criteria['Feasibility']}": "3",
            "comment": "For the jury only.",
            "comment_for_team": "  Good work on the pilot plan.  ",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    review = Review.objects.get(proposal=proposal, evaluator=evaluator)
    assert review.comment == "For the jury only."
    assert review.comment_for_team == "Good work on the pilot plan."
    assert "Good work on the pilot plan." in client.get(url).content.decode()


def test_a_declared_conflict_removes_the_comment_for_the_team():
    challenge = make_challenge(phase="evaluation", criteria=CRITERIA)
    proposal = ProposalFactory(challenge=challenge)
    evaluator = make_evaluator(challenge)
    scores = {c.pk: 3 for c in challenge.criteria.all()}
    review_save(
        evaluator=evaluator, proposal=proposal, scores=scores, comment_for_team="Nice.", submit=True
    )
    conflict_declare(evaluator=evaluator, proposal=proposal, reason="I advised them.")
    assert Review.objects.get(proposal=proposal, evaluator=evaluator).comment_for_team == ""


# --- The demo -----------------------------------------------------------------------------


def test_the_demo_gives_a_decided_team_its_scores_idempotently(client):
    challenge = make_challenge(phase="closed", criteria=CRITERIA)
    selected = ProposalFactory(challenge=challenge, status="selected")
    ProposalFactory(challenge=challenge, status="declined")
    ProposalFactory(challenge=make_challenge(phase="evaluation"), status="shortlisted")
    make_evaluator(email="evaluator@example.org")
    make_evaluator()
    demo.seed(stdout=io.StringIO())
    snapshot = sorted(Review.objects.values_list("evaluator", "proposal", "comment_for_team"))
    demo.seed(stdout=io.StringIO())
    assert sorted(Review.objects.values_list("evaluator", "proposal", "comment_for_team")) == (
        snapshot
    )
    assert len(snapshot) == 4  # two evaluators, two decided proposals of the closed challenge
    html = page(client, team_member(selected), selected)
    assert "Your scores" in html
    assert "Vahva ja huolellisesti perusteltu ehdotus." in html
