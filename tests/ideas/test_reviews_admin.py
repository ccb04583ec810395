"""Staff side in the Wagtail admin: assignments, the ranking, its CSV and decisions."""

import csv
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas import signals
from ideas.models import EvaluatorAssignment, Proposal, StatusChange
from ideas.services.reviews import ReviewError, decide, evaluator_assign
from partners.models import Notification
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import MembershipFactory, UserFactory
from tests.factories.reviews import make_evaluator, make_review, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_admin(client):
    """The admin follows the browser's language when the staff member has not chosen one."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def challenge():
    return make_challenge(
        phase="evaluation",
        title="Museum at home",
        criteria=(("Impact", 2), ("Feasibility", 1)),
        resident_vote_weight=Decimal("0.30"),
    )


def ranking_url(challenge):
    return reverse("ideas_evaluation_ranking", args=[challenge.pk])


# --- Assignments -----------------------------------------------------------------------------


def test_assignment_form_offers_only_members_of_the_evaluators_group(client, challenge):
    evaluator = make_evaluator(display_name="Eva Evaluator")
    UserFactory(display_name="Rita Resident")
    client.force_login(make_staff())
    response = client.get(reverse("evaluator_assignments:add"))
    assert response.status_code == 200
    choices = [str(label) for _, label in response.context["form"].fields["evaluator"].choices]
    assert "Eva Evaluator" in choices
    assert "Rita Resident" not in choices

    response = client.post(
        reverse("evaluator_assignments:add"), {"challenge": challenge.pk, "evaluator": evaluator.pk}
    )
    assert response.status_code == 302
    assert EvaluatorAssignment.objects.filter(challenge=challenge, evaluator=evaluator).exists()


def test_assignment_list_filters_by_challenge(client, challenge):
    other = make_challenge(phase="evaluation", title="Other challenge")
    make_evaluator(challenge, display_name="Eva One")
    make_evaluator(other, display_name="Eva Two")
    client.force_login(make_staff())
    response = client.get(reverse("evaluator_assignments:index"), {"challenge": challenge.pk})
    text = response.content.decode()
    assert "Eva One" in text
    assert "Eva Two" not in text


def test_only_evaluators_can_be_assigned_through_the_service(challenge):
    with pytest.raises(ReviewError):
        evaluator_assign(challenge=challenge, evaluator=UserFactory())
    evaluator = make_evaluator()
    assert evaluator_assign(challenge=challenge, evaluator=evaluator) == evaluator_assign(
        challenge=challenge, evaluator=evaluator
    )


# --- The ranking -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["resident", "evaluator"])
def test_ranking_is_for_staff_only(client, challenge, who):
    user = UserFactory() if who == "resident" else make_evaluator(challenge)
    client.force_login(user)
    response = client.get(ranking_url(challenge))
    assert response.status_code in (302, 403)
    assert b"Ranking" not in response.content


def test_ranking_shows_means_totals_votes_and_no_reviews_yet(client, challenge):
    top = ProposalFactory(challenge=challenge, title="Top idea", vote_count=10)
    ProposalFactory(challenge=challenge, title="Unscored idea", vote_count=0)
    ProposalFactory(challenge=challenge, title="A draft", status="draft")
    make_review(proposal=top, scores={"Impact": 5, "Feasibility": 2})
    client.force_login(make_staff())
    response = client.get(ranking_url(challenge))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Top idea" in text
    assert "no reviews yet" in text
    assert "A draft" not in text
    assert "(weighted mean − 1) / 4" in text  # the normalisation is explained
    rows = response.context["rows"]
    assert [r.proposal.title for r in rows] == ["Top idea", "Unscored idea"]


def test_ranking_columns_sort_and_bad_sort_falls_back_to_rank(client, challenge):
    ProposalFactory(challenge=challenge, title="Alpha", vote_count=1)
    ProposalFactory(challenge=challenge, title="Beta", vote_count=5)
    client.force_login(make_staff())
    response = client.get(ranking_url(challenge), {"sort": "-votes"})
    assert [r.proposal.title for r in response.context["rows"]] == ["Beta", "Alpha"]
    response = client.get(ranking_url(challenge), {"sort": "title"})
    assert [r.proposal.title for r in response.context["rows"]] == ["Alpha", "Beta"]
    response = client.get(ranking_url(challenge), {"sort": "'; DROP TABLE"})
    assert response.status_code == 200
    assert response.context["sort"] == "rank"


def test_csv_export_contents(client, challenge):
    top = ProposalFactory(challenge=challenge, title="Kävijät, kotona", vote_count=20)
    other = ProposalFactory(
        challenge=challenge, title="Other", vote_count=10, publication_consent=False
    )
    make_review(proposal=top, scores={"Impact": 5, "Feasibility": 2})
    make_review(proposal=top, scores={"Impact": 4, "Feasibility": 3})
    make_review(proposal=other, scores={"Impact": 1, "Feasibility": 1}, submitted=False)
    client.force_login(make_staff())
    response = client.get(ranking_url(challenge), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0] == [
        "Rank",
        "Proposal ID",
        "Proposal",
        "Status",
        "Lead organisation",
        "Submitted reviews",
        "Mean: Impact (weight 2.00)",
        "Mean: Feasibility (weight 1.00)",
        "Weighted mean (1–5)",
        "Jury score (0–1)",
        "Resident votes",
        "Votes scaled (0–1)",
        "Blended score (0–1)",
    ]
    # Impact mean 4.5, Feasibility 2.5 → (9 + 2.5) / 3 = 3.8333; jury 0.7083; votes 1;
    # blended 0.7 · 0.70833 + 0.3 = 0.79583.
    assert rows[1] == [
        "1",
        str(top.pk),
        "Kävijät, kotona",
        "Submitted",
        str(top.lead_organisation),
        "2",
        "4.500",
        "2.500",
        "3.833",
        "0.708",
        "20",
        "1.000",
        "0.796",
    ]
    # The confidential proposal is in the staff export; its draft review does not count.
    assert rows[2] == [
        "2",
        str(other.pk),
        "Other",
        "Submitted",
        str(other.lead_organisation),
        "0",
        "",
        "",
        "",
        "0.000",
        "10",
        "0.500",
        "0.150",
    ]
    assert len(rows) == 3


def test_ranking_query_count_is_the_same_for_5_and_100_proposals(client, challenge):
    client.force_login(make_staff())
    evaluator = make_evaluator(challenge)

    def add(n):
        for i in range(n):
            proposal = ProposalFactory(challenge=challenge, vote_count=i)
            if i % 2:
                make_review(
                    proposal=proposal,
                    evaluator=evaluator,
                    scores={"Impact": 1 + i % 5, "Feasibility": 3},
                )

    def measure():
        client.get(ranking_url(challenge))
        with CaptureQueriesContext(connection) as html:
            response = client.get(ranking_url(challenge))
        with CaptureQueriesContext(connection) as export:
            client.get(ranking_url(challenge), {"format": "csv"})
        return len(response.context["rows"]), len(html), len(export)

    add(5)
    rows, html_small, csv_small = measure()
    assert rows == 5
    add(95)
    rows, html_large, csv_large = measure()
    assert rows == 100
    assert html_small == html_large
    assert csv_small == csv_large


# --- Decisions -----------------------------------------------------------------------------------


def test_bulk_decision_records_each_change_and_notifies_each_team_in_its_language(
    client, challenge, django_capture_on_commit_callbacks
):
    finnish = UserFactory(preferred_language="fi", email="tiimi@example.org")
    swedish = UserFactory(preferred_language="sv", email="team@example.se")
    a = ProposalFactory(challenge=challenge, title="Alpha")
    b = ProposalFactory(challenge=challenge, title="Beta")
    untouched = ProposalFactory(challenge=challenge, title="Gamma")
    MembershipFactory(user=finnish, organisation=a.lead_organisation)
    MembershipFactory(user=swedish, organisation=b.lead_organisation)
    staff = make_staff()
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ranking_url(challenge),
            {"proposals": [a.pk, b.pk], "status": "shortlisted", "reason": "Strong jury scores."},
        )
    assert response.status_code == 302

    changes = StatusChange.objects.filter(to_status="shortlisted").order_by("proposal__title")
    assert [(c.proposal.title, c.from_status, c.changed_by, c.reason) for c in changes] == [
        ("Alpha", "submitted", staff, "Strong jury scores."),
        ("Beta", "submitted", staff, "Strong jury scores."),
    ]
    untouched.refresh_from_db()
    assert untouched.status == "submitted"

    finnish_note = Notification.objects.get(recipient=finnish)
    swedish_note = Notification.objects.get(recipient=swedish)
    assert "Alpha" in finnish_note.subject and "Strong jury scores." in finnish_note.body
    assert "Beta" in swedish_note.subject
    assert {m.to[0] for m in mail.outbox} == {"tiimi@example.org", "team@example.se"}


def test_decision_needs_a_reason_and_a_proposal_with_messages_on_the_fields(client, challenge):
    proposal = ProposalFactory(challenge=challenge)
    client.force_login(make_staff())
    response = client.post(ranking_url(challenge), {"status": "declined", "reason": ""})
    assert response.status_code == 200
    form = response.context["decision_form"]
    assert "reason" in form.errors
    assert form.errors["proposals"] == ["Choose at least one proposal in the table."]
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert not StatusChange.objects.exists()


def test_a_bulk_decision_with_an_illegal_move_changes_nothing(client, challenge):
    ok = ProposalFactory(challenge=challenge, title="Fine")
    done = ProposalFactory(challenge=challenge, title="Already declined", status="declined")
    client.force_login(make_staff())
    response = client.post(
        ranking_url(challenge),
        {"proposals": [ok.pk, done.pk], "status": "selected", "reason": "Go"},
    )
    assert response.status_code == 200
    assert "Already declined" in str(response.context["decision_form"].errors["proposals"])
    ok.refresh_from_db()
    assert ok.status == "submitted"
    assert not StatusChange.objects.exists()


def test_a_proposal_of_another_challenge_cannot_be_decided_here(client, challenge):
    stranger = ProposalFactory(challenge=make_challenge(phase="evaluation", title="Other"))
    client.force_login(make_staff())
    response = client.post(
        ranking_url(challenge), {"proposals": [stranger.pk], "status": "declined", "reason": "No"}
    )
    assert response.status_code == 200
    assert "proposals" in response.context["decision_form"].errors
    assert Proposal.objects.get(pk=stranger.pk).status == "submitted"


def test_only_staff_decide(challenge):
    proposal = ProposalFactory(challenge=challenge)
    with pytest.raises(ReviewError):
        decide(
            proposals=[proposal], to_status="selected", by=make_evaluator(challenge), reason="Mine"
        )


def test_a_decision_sends_one_status_changed_signal_with_every_proposal(
    challenge, django_capture_on_commit_callbacks
):
    """One signal for the whole decision, so each follower is told of it in one go."""
    received = []

    def receiver(sender, changes, **kwargs):
        received.append([(c.proposal_id, c.to_status, c.reason) for c in changes])

    signals.status_changed.connect(receiver)
    try:
        a = ProposalFactory(challenge=challenge)
        b = ProposalFactory(challenge=challenge, status="shortlisted")
        with django_capture_on_commit_callbacks(execute=True):
            decide(proposals=[a, b], to_status="declined", by=make_staff(), reason="Out of scope")
    finally:
        signals.status_changed.disconnect(receiver)
    assert len(received) == 1
    assert sorted(received[0]) == sorted(
        [(a.pk, "declined", "Out of scope"), (b.pk, "declined", "Out of scope")]
    )


def test_admin_menu_and_challenge_page_link_to_the_ranking(client, challenge):
    client.force_login(make_staff())
    response = client.get(reverse("ideas_evaluation_index"))
    assert response.status_code == 200
    assert ranking_url(challenge) in response.content.decode()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[challenge.pk]))
    assert ranking_url(challenge) in response.content.decode()
