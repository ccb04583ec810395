import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from marketplace.models import Feedback, FeedbackReport, PilotStage
from marketplace.selectors import feedback as feedback_selectors
from marketplace.services import feedback as feedback_services
from tests.factories.cms import CustomerGroupFactory, make_challenge
from tests.factories.marketplace import FeedbackFactory, PilotFactory, selected_proposal
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db


def give_url(pilot):
    with translation.override("en"):
        return reverse("marketplace:feedback-give", args=[pilot.pk])


def test_one_feedback_per_resident_per_pilot_editable(client):
    pilot = PilotFactory()
    resident = UserFactory()
    client.force_login(resident)
    assert client.post(give_url(pilot), {"rating": "2", "comment": "Meh"}).status_code == 302
    assert client.post(give_url(pilot), {"rating": "5", "comment": "Better now"}).status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.user, feedback.rating, feedback.comment) == (resident, 5, "Better now")


def test_database_allows_one_feedback_per_resident():
    feedback = FeedbackFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(pilot=feedback.pilot, user=feedback.user, rating=3)


@pytest.mark.parametrize(
    ("stage", "allowed"),
    [
        (PilotStage.PLANNED, False),
        (PilotStage.RUNNING, True),
        (PilotStage.EVALUATING, True),
        (PilotStage.COMPLETED, False),
    ],
)
def test_feedback_only_while_running_or_evaluating(client, stage, allowed):
    pilot = PilotFactory(stage=stage, outcome="adopted" if stage == PilotStage.COMPLETED else "")
    client.force_login(UserFactory())
    client.post(give_url(pilot), {"rating": "4"})
    assert Feedback.objects.exists() is allowed
    page = client.get(pilot.get_absolute_url()).content.decode()
    assert ('name="rating"' in page) is allowed


def test_only_verified_residents_give_feedback(client, team_member_of):
    pilot = PilotFactory()
    client.post(give_url(pilot), {"rating": "4"})  # anonymous: sent to sign in
    client.force_login(UserFactory(unverified=True))
    response = client.post(give_url(pilot), {"rating": "4"})
    assert response.status_code == 302
    client.force_login(team_member_of(pilot))  # the pilot's own team does not rate it
    client.post(give_url(pilot), {"rating": "5"})
    assert not Feedback.objects.exists()
    with pytest.raises(feedback_services.FeedbackError):
        feedback_services.feedback_give(pilot=pilot, user=UserFactory(unverified=True), rating=4)


def test_unpublished_pilot_takes_no_feedback(client):
    pilot = PilotFactory(published=False)
    client.force_login(UserFactory())
    assert client.post(give_url(pilot), {"rating": "4"}).status_code == 404
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("rating", ["0", "6", "x", ""])
def test_rating_is_validated_next_to_the_field(client, rating):
    pilot = PilotFactory()
    client.force_login(UserFactory())
    response = client.post(give_url(pilot), {"rating": rating})
    assert response.status_code == 400
    assert "rating" in response.context["feedback_form"].errors
    assert not Feedback.objects.exists()


def test_customer_group_must_be_one_of_the_challenges():
    mine, other = CustomerGroupFactory(), CustomerGroupFactory()
    challenge = make_challenge(phase="piloting", customer_groups=[mine])
    pilot = PilotFactory(proposal=selected_proposal(challenge=challenge))
    resident = UserFactory()
    with pytest.raises(ValidationError):
        feedback_services.feedback_give(pilot=pilot, user=resident, rating=4, customer_group=other)
    feedback = feedback_services.feedback_give(
        pilot=pilot, user=resident, rating=4, customer_group=mine
    )
    assert feedback.customer_group == mine


def test_average_and_distribution_exclude_hidden_feedback(staff):
    pilot = PilotFactory()
    for rating in (5, 5, 4, 1):
        FeedbackFactory(pilot=pilot, rating=rating)
    bad = FeedbackFactory(pilot=pilot, rating=1, comment="spam")
    feedback_services.feedback_hide(feedback=bad, by=staff, reason="Spam")
    summary = feedback_selectors.feedback_summary(pilot)
    assert summary.count == 4
    assert str(summary.average) == "3.8"
    assert [(r, c) for r, c, _p in summary.distribution] == [(5, 2), (4, 1), (3, 0), (2, 0), (1, 1)]


def test_residents_report_and_moderators_hide_with_a_reason(client, staff):
    feedback = FeedbackFactory(comment="Rude words")
    reporter = UserFactory()
    client.force_login(reporter)
    with translation.override("en"):
        report_url = reverse("marketplace:feedback-report", args=[feedback.pk])
    assert client.post(report_url, {"reason": "Offensive"}).status_code == 302
    assert FeedbackReport.objects.get().reporter == reporter
    client.force_login(feedback.user)  # one's own feedback cannot be reported
    client.post(report_url, {"reason": "x"})
    assert FeedbackReport.objects.count() == 1

    with pytest.raises(feedback_services.FeedbackError):
        feedback_services.feedback_hide(feedback=feedback, by=reporter, reason="x")
    client.force_login(staff)
    queue = client.get(reverse("pilot_feedback:index") + "?reported=true")
    assert queue.status_code == 200 and "Rude words" in queue.content.decode()
    response = client.post(reverse("pilot_feedback:hide", args=[feedback.pk]), {"reason": ""})
    assert response.status_code == 200  # the reason is required
    client.post(reverse("pilot_feedback:hide", args=[feedback.pk]), {"reason": "Insults"})
    feedback.refresh_from_db()
    assert (
        feedback.is_hidden and feedback.hidden_reason == "Insults" and feedback.hidden_by == staff
    )
    assert "Rude words" not in client.get(feedback.pilot.get_absolute_url()).content.decode()
    client.post(reverse("pilot_feedback:restore", args=[feedback.pk]))
    feedback.refresh_from_db()
    assert not feedback.is_hidden and not feedback.reports.exists()
