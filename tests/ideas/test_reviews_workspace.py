"""The evaluator's workspace: who gets in, what they see, scoring and conflicts of interest."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ideas.models import CriterionScore, Review
from ideas.services.reviews import ReviewError, conflict_declare, review_save
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import MembershipFactory, UserFactory
from tests.factories.reviews import make_evaluator, make_review, make_staff

pytestmark = pytest.mark.django_db


def workspace_url(challenge):
    return f"/en/evaluation/{challenge.pk}/"


def review_url(proposal):
    return f"/en/evaluation/{proposal.challenge_id}/proposals/{proposal.pk}/"


@pytest.fixture
def challenge():
    return make_challenge(phase="evaluation", criteria=(("Impact", 2), ("Feasibility", 1)))


def scores_post(challenge, impact=None, feasibility=None, **extra):
    criteria = {c.name: c for c in challenge.criteria.all()}
    data = {"comment": extra.pop("comment", "")}
    if impact is not None:
        data[f"criterion_{criteria['Impact'].pk}"] = impact
    if feasibility is not None:
        data[f"criterion_{criteria['Feasibility'].pk}"] = feasibility
    data.update(extra)
    return data


# --- Who gets in --------------------------------------------------------------------------


def test_assigned_evaluator_sees_submitted_proposals_including_confidential_ones(client, challenge):
    evaluator = make_evaluator(challenge)
    ProposalFactory(challenge=challenge, title="Open idea")
    ProposalFactory(challenge=challenge, title="Secret idea", publication_consent=False)
    ProposalFactory(challenge=challenge, title="Shortlisted idea", status="shortlisted")
    ProposalFactory(challenge=challenge, title="Draft idea", status="draft")
    ProposalFactory(challenge=challenge, title="Withdrawn idea", status="withdrawn")
    client.force_login(evaluator)
    response = client.get(workspace_url(challenge))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Open idea" in text
    assert "Secret idea" in text
    assert "Shortlisted idea" in text
    assert "Draft idea" not in text
    assert "Withdrawn idea" not in text


@pytest.mark.parametrize(
    "who", ["anonymous", "resident", "unassigned evaluator", "staff", "assigned elsewhere"]
)
def test_anyone_but_an_assigned_evaluator_gets_404(client, challenge, who):
    proposal = ProposalFactory(challenge=challenge, publication_consent=False)
    if who == "resident":
        client.force_login(UserFactory())
    elif who == "unassigned evaluator":
        client.force_login(make_evaluator())
    elif who == "staff":
        client.force_login(make_staff())
    elif who == "assigned elsewhere":
        client.force_login(make_evaluator(make_challenge(phase="evaluation", title="Other")))
    assert client.get(workspace_url(challenge)).status_code == 404
    assert client.get(review_url(proposal)).status_code == 404
    assert client.post(review_url(proposal), {"submit": "1"}).status_code == 404


def test_an_assigned_user_no_longer_in_the_evaluators_group_gets_404(client, challenge):
    evaluator = make_evaluator(challenge)
    evaluator.groups.clear()
    client.force_login(evaluator)
    assert client.get(workspace_url(challenge)).status_code == 404


@pytest.mark.parametrize("phase", ["proposals", "voting", "piloting", "closed"])
def test_workspace_is_closed_outside_the_evaluation_phase(client, phase):
    challenge = make_challenge(phase=phase)
    proposal = ProposalFactory(challenge=challenge)
    evaluator = make_evaluator(challenge)
    client.force_login(evaluator)
    assert client.get(workspace_url(challenge)).status_code == 404
    assert client.get(review_url(proposal)).status_code == 404
    with pytest.raises(ReviewError):
        review_save(evaluator=evaluator, proposal=proposal, scores={}, comment="late")


def test_draft_and_withdrawn_proposals_answer_404_in_the_workspace(client, challenge):
    evaluator = make_evaluator(challenge)
    client.force_login(evaluator)
    for status in ("draft", "withdrawn"):
        proposal = ProposalFactory(challenge=challenge, status=status)
        assert client.get(review_url(proposal)).status_code == 404


def test_a_proposal_of_another_challenge_answers_404(client, challenge):
    evaluator = make_evaluator(challenge)
    other = ProposalFactory(challenge=make_challenge(phase="evaluation", title="Other"))
    client.force_login(evaluator)
    url = f"/en/evaluation/{challenge.pk}/proposals/{other.pk}/"
    assert client.get(url).status_code == 404


def test_evaluation_index_lists_assigned_challenges_for_evaluators_only(client, challenge):
    evaluator = make_evaluator(challenge)
    client.force_login(UserFactory())
    assert client.get("/en/evaluation/").status_code == 404
    client.force_login(evaluator)
    response = client.get("/en/evaluation/")
    assert response.status_code == 200
    assert workspace_url(challenge) in response.content.decode()


# --- Reviewing ------------------------------------------------------------------------------


def test_save_a_draft_then_submit(client, challenge):
    evaluator = make_evaluator(challenge)
    proposal = ProposalFactory(challenge=challenge)
    client.force_login(evaluator)

    response = client.post(
        review_url(proposal), scores_post(challenge, impact=4, comment="Promising", save="1")
    )
    assert response.status_code == 302
    review = Review.objects.get(proposal=proposal, evaluator=evaluator)
    assert review.submitted_at is None
    assert review.comment == "Promising"
    assert list(review.scores.values_list("score", flat=True)) == [4]

    response = client.post(
        review_url(proposal), scores_post(challenge, impact=4, feasibility=2, submit="1")
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.submitted_at is not None
    assert sorted(review.scores.values_list("score", flat=True)) == [2, 4]


def test_submitting_needs_every_criterion_scored_with_the_message_on_the_field(client, challenge):
    evaluator = make_evaluator(challenge)
    proposal = ProposalFactory(challenge=challenge)
    client.force_login(evaluator)
    response = client.post(review_url(proposal), scores_post(challenge, impact=5, submit="1"))
    assert response.status_code == 400
    form = response.context["form"]
    feasibility = challenge.criteria.get(name="Feasibility")
    assert form.errors[f"criterion_{feasibility.pk}"] == ["Score this criterion before submitting."]
    assert "Score this criterion before submitting." in response.content.decode()
    assert not Review.objects.filter(proposal=proposal).exists()


def test_a_score_outside_1_to_5_is_refused_on_its_field(client, challenge):
    evaluator = make_evaluator(challenge)
    proposal = ProposalFactory(challenge=challenge)
    client.force_login(evaluator)
    response = client.post(
        review_url(proposal), scores_post(challenge, impact=7, feasibility="x", save="1")
    )
    assert response.status_code == 400
    impact = challenge.criteria.get(name="Impact")
    assert response.context["form"].errors[f"criterion_{impact.pk}"] == [
        "Choose a score from 1 to 5."
    ]
    assert not CriterionScore.objects.exists()


def test_a_submitted_review_stays_editable_and_keeps_its_submission_time(client, challenge):
    evaluator = make_evaluator(challenge)
    proposal = ProposalFactory(challenge=challenge)
    review = review_save(
        evaluator=evaluator, proposal=proposal, scores=_scores(challenge, 3, 3), submit=True
    )
    first = review.submitted_at
    client.force_login(evaluator)
    response = client.post(
        review_url(proposal), scores_post(challenge, impact=5, feasibility=4, submit="1")
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.submitted_at == first
    assert sorted(review.scores.values_list("score", flat=True)) == [4, 5]
    # An edit that drops a score is refused: a submitted review stays complete.
    response = client.post(review_url(proposal), scores_post(challenge, impact=5, save="1"))
    assert response.status_code == 400
    assert review.scores.count() == 2


def test_one_review_per_evaluator_per_proposal(challenge):
    evaluator = make_evaluator(challenge)
    proposal = ProposalFactory(challenge=challenge)
    review_save(evaluator=evaluator, proposal=proposal, scores=_scores(challenge, 2, None))
    review_save(
        evaluator=evaluator, proposal=proposal, scores=_scores(challenge, 3, 4), submit=True
    )
    assert Review.objects.filter(proposal=proposal, evaluator=evaluator).count() == 1


def _scores(challenge, impact, feasibility):
    criteria = {c.name: c.pk for c in challenge.criteria.all()}
    return {criteria["Impact"]: impact, criteria["Feasibility"]: feasibility}


# --- Hidden scores ----------------------------------------------------------------------------


def test_other_scores_are_hidden_until_one_submits_ones_own(client, challenge):
    proposal = ProposalFactory(challenge=challenge)
    make_review(
        proposal=proposal, scores={"Impact": 5, "Feasibility": 5}, comment="Another view: excellent"
    )
    me = make_evaluator(challenge)
    client.force_login(me)

    text = client.get(review_url(proposal)).content.decode()
    assert "Another view: excellent" not in text
    assert "shown once you have submitted your own review" in text

    review_save(evaluator=me, proposal=proposal, scores=_scores(challenge, 2, None))  # a draft
    text = client.get(review_url(proposal)).content.decode()
    assert "Another view: excellent" not in text

    review_save(evaluator=me, proposal=proposal, scores=_scores(challenge, 2, 3), submit=True)
    text = client.get(review_url(proposal)).content.decode()
    assert "Another view: excellent" in text


def test_other_drafts_are_never_shown(client, challenge):
    proposal = ProposalFactory(challenge=challenge)
    make_review(
        proposal=proposal, scores={"Impact": 1}, submitted=False, comment="Half-baked draft"
    )
    me = make_evaluator(challenge)
    review_save(evaluator=me, proposal=proposal, scores=_scores(challenge, 2, 3), submit=True)
    client.force_login(me)
    assert "Half-baked draft" not in client.get(review_url(proposal)).content.decode()


# --- Conflicts of interest ----------------------------------------------------------------------


def test_declaring_a_conflict_blocks_scoring_and_hides_other_reviews(client, challenge):
    proposal = ProposalFactory(challenge=challenge)
    make_review(
        proposal=proposal, scores={"Impact": 5, "Feasibility": 5}, comment="Another view: excellent"
    )
    me = make_evaluator(challenge)
    review_save(evaluator=me, proposal=proposal, scores=_scores(challenge, 2, 3), submit=True)
    client.force_login(me)

    response = client.post(
        review_url(proposal) + "conflict/", {"reason": "I advised this team last year."}
    )
    assert response.status_code == 302
    review = Review.objects.get(proposal=proposal, evaluator=me)
    assert review.conflict_of_interest
    assert review.conflict_reason == "I advised this team last year."
    assert not review.scores.exists()

    text = client.get(review_url(proposal)).content.decode()
    assert "Another view: excellent" not in text
    assert 'name="submit"' not in text
    response = client.post(
        review_url(proposal), scores_post(challenge, impact=5, feasibility=5, submit="1")
    )
    assert response.status_code == 302
    assert not review.scores.exists()
    with pytest.raises(ReviewError):
        review_save(evaluator=me, proposal=proposal, scores=_scores(challenge, 5, 5), submit=True)


def test_a_conflict_needs_a_reason(client, challenge):
    proposal = ProposalFactory(challenge=challenge)
    me = make_evaluator(challenge)
    client.force_login(me)
    response = client.post(review_url(proposal) + "conflict/", {"reason": "  "})
    assert response.status_code == 400
    assert "Say briefly why you have a conflict of interest." in response.content.decode()
    assert not Review.objects.exists()


def test_membership_in_a_team_organisation_is_a_detected_conflict(client, challenge):
    proposal = ProposalFactory(challenge=challenge, title="Our own idea")
    other = ProposalFactory(challenge=challenge, title="Someone else's idea")
    make_review(
        proposal=proposal, scores={"Impact": 5, "Feasibility": 5}, comment="Another view: excellent"
    )
    me = make_evaluator(challenge)
    MembershipFactory(user=me, organisation=proposal.lead_organisation)

    with pytest.raises(ReviewError):
        review_save(evaluator=me, proposal=proposal, scores=_scores(challenge, 5, 5), submit=True)

    client.force_login(me)
    response = client.get(workspace_url(challenge))
    rows = {p.title: p.review_state for p in response.context["proposals"]}
    assert rows == {"Our own idea": "conflict", "Someone else's idea": "todo"}
    review = Review.objects.get(proposal=proposal, evaluator=me)
    assert review.conflict_of_interest  # pre-declared for staff to see
    assert not Review.objects.filter(proposal=other, evaluator=me).exists()

    text = client.get(review_url(proposal)).content.decode()
    assert "You have a conflict of interest with this proposal" in text
    assert "Another view: excellent" not in text


def test_opening_the_workspace_or_a_proposal_writes_nothing(client, challenge):
    """A GET shows a detected conflict without recording it: reading never writes."""
    proposal = ProposalFactory(challenge=challenge, title="Our own idea")
    me = make_evaluator(challenge)
    MembershipFactory(user=me, organisation=proposal.lead_organisation)
    client.force_login(me)

    response = client.get(workspace_url(challenge))
    assert [p.review_state for p in response.context["proposals"]] == ["conflict"]
    response = client.get(review_url(proposal))
    assert response.status_code == 200
    text = response.content.decode()
    assert "You have a conflict of interest with this proposal" in text
    assert "Detected automatically" in text
    assert 'name="submit"' not in text
    assert not Review.objects.exists()


def test_scoring_a_detected_conflict_records_it_and_scores_nothing(client, challenge):
    proposal = ProposalFactory(challenge=challenge)
    me = make_evaluator(challenge)
    MembershipFactory(user=me, organisation=proposal.lead_organisation)
    client.force_login(me)

    response = client.post(
        review_url(proposal), scores_post(challenge, impact=5, feasibility=5, submit="1")
    )
    assert response.status_code == 302
    review = Review.objects.get(proposal=proposal, evaluator=me)
    assert review.conflict_of_interest  # recorded for staff to see
    assert review.conflict_reason.startswith("Detected automatically")
    assert not CriterionScore.objects.exists()


def test_a_personal_team_member_is_a_detected_conflict(challenge):
    me = make_evaluator(challenge)
    proposal = ProposalFactory(challenge=challenge, lead_organisation=None, created_by=me)
    with pytest.raises(ReviewError):
        review_save(evaluator=me, proposal=proposal, scores=_scores(challenge, 5, 5))
    assert Review.objects.get(proposal=proposal, evaluator=me).conflict_of_interest


def test_declaring_twice_is_refused(challenge):
    proposal = ProposalFactory(challenge=challenge)
    me = make_evaluator(challenge)
    conflict_declare(evaluator=me, proposal=proposal, reason="Friend of the lead")
    with pytest.raises(ReviewError):
        conflict_declare(evaluator=me, proposal=proposal, reason="Again")


# --- Query counts ---------------------------------------------------------------------------------


def _queries_for(client, url):
    client.get(url)  # warm per-process caches (site root, locales)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def test_workspace_query_count_is_the_same_for_5_and_100_proposals(client, challenge):
    me = make_evaluator(challenge)
    client.force_login(me)

    def add(n):
        for i in range(n):
            proposal = ProposalFactory(challenge=challenge, publication_consent=bool(i % 3))
            if i % 2:
                review_save(evaluator=me, proposal=proposal, scores=_scores(challenge, 3, None))

    add(5)
    response, small = _queries_for(client, workspace_url(challenge))
    assert len(response.context["proposals"]) == 5
    add(95)
    response, large = _queries_for(client, workspace_url(challenge))
    assert len(response.context["proposals"]) == 100
    assert small == large
