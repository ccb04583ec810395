"""Every kind of outcome notice × every delivery choice: the notice is always in the person's
notification centre; at once it is one e-mail, in a daily or weekly digest nothing until the
digest is due and then one digest that holds it, in Tori only never an e-mail. And a bulk
decision on 200 proposals gives each follower one e-mail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cms.models import ChallengePage
from cms.notices import announce_due
from ideas.services.answers import post_official_answer
from ideas.services.reviews import decide
from marketplace.models import PilotOutcome, PilotStage
from marketplace.services.offerings import offering_update
from marketplace.services.pilots import pilot_advance, pilot_set_published
from partners import delivery
from partners import notices as following
from partners.models import NoticeDelivery, NoticeEvent, Notification
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_offering, make_pilot
from tests.factories.partners import UserFactory
from tests.factories.reviews import make_staff

pytestmark = pytest.mark.django_db

Kind = NoticeEvent.Kind


def _decision(status):
    def trigger(follower):
        proposal = ProposalFactory(challenge=make_challenge(phase="evaluation"))
        following.follow(follower, proposal)
        decide(proposals=[proposal], to_status=status, by=make_staff(), reason="Decided")

    return trigger


def _answer(follower):
    proposal = ProposalFactory(challenge=make_challenge(phase="voting"))
    following.follow(follower, proposal)
    post_official_answer(proposal=proposal, by=make_staff(), body="Our answer", language="en")


def _pilot_created(follower):
    pilot = make_pilot(stage=PilotStage.PLANNED, published=False)
    following.follow(follower, pilot.proposal)
    pilot_set_published(pilot=pilot, published=True, by=make_staff())


def _pilot_started(follower):
    pilot = make_pilot(stage=PilotStage.PLANNED)
    following.follow(follower, pilot)
    pilot_advance(pilot=pilot, to_stage=PilotStage.RUNNING, by=make_staff())


def _pilot_completed(follower):
    pilot = make_pilot(stage=PilotStage.EVALUATING)
    following.follow(follower, pilot.proposal.challenge)
    pilot_advance(
        pilot=pilot, to_stage=PilotStage.COMPLETED, by=make_staff(), outcome=PilotOutcome.ADOPTED
    )


def _offering_published(follower):
    pilot = make_pilot()
    following.follow(follower, pilot)
    offering = make_offering(pilot=pilot, published=False)
    offering_update(offering=offering, by=make_staff(), published=True)


def _schedule_event(field):
    def trigger(follower):
        challenge = make_challenge(phase="voting" if field == "voting_open" else "piloting")
        ChallengePage.objects.filter(pk=challenge.pk).update(
            **{field: timezone.now() - timedelta(hours=1)}
        )
        following.follow(follower, challenge)
        announce_due()

    return trigger


TRIGGERS = {
    Kind.SHORTLISTED: _decision("shortlisted"),
    Kind.SELECTED: _decision("selected"),
    Kind.DECLINED: _decision("declined"),
    Kind.ANSWER: _answer,
    Kind.PILOT_CREATED: _pilot_created,
    Kind.PILOT_STARTED: _pilot_started,
    Kind.PILOT_COMPLETED: _pilot_completed,
    Kind.OFFERING_PUBLISHED: _offering_published,
    Kind.VOTING_OPENED: _schedule_event("voting_open"),
    Kind.RESULTS_PUBLISHED: _schedule_event("evaluation_end"),
}


def test_every_kind_of_outcome_event_has_a_case():
    assert set(TRIGGERS) == set(Kind.values) - {Kind.STATUS}


def _mails_to(person):
    return [message for message in mail.outbox if message.to == [person.email]]


@pytest.mark.parametrize("choice", NoticeDelivery.values)
@pytest.mark.parametrize("kind", list(TRIGGERS))
def test_each_notice_reaches_its_follower_as_they_chose(
    kind, choice, django_capture_on_commit_callbacks
):
    follower = UserFactory(notice_delivery=choice)
    with django_capture_on_commit_callbacks(execute=True):
        TRIGGERS[kind](follower)
    notice = Notification.objects.get(recipient=follower, event__kind=kind)
    received = _mails_to(follower)
    if choice == NoticeDelivery.IMMEDIATE:
        assert len(received) == 1
        assert notice.subject in received[0].subject + received[0].body
        return
    assert received == []
    later = timezone.now() + timedelta(days=8)  # past the next daily and weekly digest
    with django_capture_on_commit_callbacks(execute=True):
        delivery.send_due_digests(now=later)
    received = _mails_to(follower)
    if choice == NoticeDelivery.IN_APP:
        assert received == []
    else:
        assert len(received) == 1
        assert notice.subject in received[0].body


def test_a_bulk_decision_on_200_proposals_gives_each_follower_one_email(
    django_capture_on_commit_callbacks,
):
    challenge = make_challenge(phase="evaluation")
    proposals = ProposalFactory.create_batch(200, challenge=challenge)
    followers = [UserFactory(notice_delivery=NoticeDelivery.IMMEDIATE) for _ in range(3)]
    for follower in followers:
        following.follow(follower, challenge)
    following.follow(followers[0], proposals[0])  # two reasons to hear of one: still once
    with django_capture_on_commit_callbacks(execute=True):
        decide(proposals=proposals, to_status="declined", by=make_staff(), reason="Not now")
    for follower in followers:
        assert Notification.objects.filter(recipient=follower).count() == 200
        [message] = _mails_to(follower)
        assert proposals[0].title in message.body and proposals[-1].title in message.body
