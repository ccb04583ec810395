"""Following challenges, proposals and pilots, and the outcome notices followers hear.

Each kind of event reaches the people who follow what it concerns, once per person however
many of those things they follow, in their language, and never anyone who may not see it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.notices import announce_due
from ideas.services.answers import post_official_answer
from ideas.services.comments import comment_post
from ideas.services.reviews import decide
from ideas.services.votes import vote_cast
from marketplace.models import PilotOutcome, PilotStage
from marketplace.services.feedback import feedback_give
from marketplace.services.offerings import offering_update
from marketplace.services.pilots import pilot_advance, pilot_set_published
from partners import notices as following
from partners.models import Follow, NoticeEvent, Notification
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_offering, make_pilot
from tests.factories.partners import UserFactory
from tests.factories.reviews import make_evaluator, make_staff

pytestmark = pytest.mark.django_db


def notices_of(user, kind=None):
    rows = Notification.objects.filter(recipient=user, event__isnull=False)
    if kind:
        rows = rows.filter(event__kind=kind)
    return list(rows)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the after-commit work (the notices) of a block at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- the button and "What I follow" ---------------------------------------------------------


def test_a_resident_follows_and_unfollows_a_proposal_from_its_page(client):
    proposal = ProposalFactory(challenge=make_challenge(phase="voting"))
    resident = UserFactory()
    client.force_login(resident)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert reverse("follows:follow") in page
    response = client.post(
        reverse("follows:follow"),
        {"type": "ideas.proposal", "id": proposal.pk, "next": proposal.get_absolute_url()},
    )
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert following.is_following(resident, proposal)
    listing = client.get(reverse("follows:list")).content.decode()
    assert proposal.title in listing and reverse("follows:unfollow") in listing
    assert reverse("follows:unfollow") in client.get(proposal.get_absolute_url()).content.decode()
    client.post(reverse("follows:unfollow"), {"type": "ideas.proposal", "id": proposal.pk})
    assert not following.is_following(resident, proposal)
    assert 'class="follow-list"' not in client.get(reverse("follows:list")).content.decode()


def test_signed_out_visitors_are_asked_to_sign_in_to_follow(client):
    challenge = make_challenge(phase="voting", title="Museum at home")
    page = client.get(challenge.url).content.decode()
    assert reverse("partners:login") + "?next=" in page
    response = client.post(reverse("follows:follow"), {"type": "cms.challengepage", "id": 1})
    assert response.status_code == 302 and reverse("partners:login") in response["Location"]
    assert client.get(reverse("follows:list")).status_code == 302


def test_what_one_may_not_see_cannot_be_followed(client):
    confidential = ProposalFactory(
        challenge=make_challenge(phase="voting"), publication_consent=False
    )
    client.force_login(UserFactory())
    for data in (
        {"type": "ideas.proposal", "id": confidential.pk},
        {"type": "ideas.proposal", "id": 999999},
        {"type": "nope.nothing", "id": 1},
        {"type": "partners.user", "id": 1},
        {"type": "ideas.proposal", "id": "x"},
        {},
    ):
        assert client.post(reverse("follows:follow"), data).status_code == 404, data
    assert not Follow.objects.exists()


def test_following_a_translated_challenge_follows_the_one_item(client):
    from tests.factories.cms import publish_translation

    challenge = make_challenge(phase="voting", title="Museo kotona")
    swedish = publish_translation(challenge, "sv", title="Museet hemma")
    resident = UserFactory()
    following.follow(resident, swedish)
    assert following.is_following(resident, challenge)
    assert following.follower_ids([challenge]) == {resident.pk}


# --- automatic following ---------------------------------------------------------------------


def test_voting_commenting_and_feedback_follow_automatically():
    challenge = make_challenge(phase="voting", votes_per_resident=3)
    voted, commented = ProposalFactory(challenge=challenge), ProposalFactory(challenge=challenge)
    pilot = make_pilot()
    resident = UserFactory()
    vote_cast(user=resident, proposal=voted)
    comment_post(proposal=commented, author=resident, body="Good idea!")
    feedback_give(pilot=pilot, user=resident, rating=4, comment="")
    assert following.is_following(resident, voted)
    assert following.is_following(resident, commented)
    assert following.is_following(resident, pilot)
    assert all(row.automatic for row in Follow.objects.filter(user=resident))


def test_automatic_following_can_be_switched_off():
    challenge = make_challenge(phase="voting", votes_per_resident=3)
    proposal = ProposalFactory(challenge=challenge)
    resident = UserFactory(auto_follow=False)
    vote_cast(user=resident, proposal=proposal)
    comment_post(proposal=proposal, author=resident, body="Good idea!")
    assert not Follow.objects.filter(user=resident).exists()


def test_following_by_hand_after_an_automatic_follow_makes_it_ones_own_choice():
    proposal = ProposalFactory(challenge=make_challenge(phase="voting"))
    resident = UserFactory()
    following.follow(resident, proposal, automatic=True)
    following.follow(resident, proposal)
    assert Follow.objects.get(user=resident).automatic is False
    following.follow(resident, proposal, automatic=True)
    assert Follow.objects.get(user=resident).automatic is False


# --- decisions -------------------------------------------------------------------------------


def test_a_decision_reaches_followers_once_with_the_public_reason(run_on_commit):
    challenge = make_challenge(phase="evaluation")
    proposal = ProposalFactory(challenge=challenge, title="Museum by tablet")
    both = UserFactory()  # follows the proposal and its challenge: told once
    following.follow(both, proposal)
    following.follow(both, challenge)
    challenge_follower = UserFactory(preferred_language="sv")
    following.follow(challenge_follower, challenge)
    bystander = UserFactory()
    editor = make_staff()
    following.follow(editor, challenge)  # the one who decides hears nothing of it
    with run_on_commit():
        decide(
            proposals=[proposal],
            to_status="selected",
            by=editor,
            reason="Private note for the team",
            public_reason="Best value for families",
        )
    [notice] = notices_of(both)
    assert notice.event.kind == NoticeEvent.Kind.SELECTED
    assert "Museum by tablet" in notice.subject and "selected" in notice.subject
    assert "Best value for families" in notice.body
    assert "Private note" not in notice.body
    assert notice.group_key == f"challenge:{challenge.pk}"
    assert notice.url == f"/en/proposals/{proposal.pk}/"
    [swedish] = notices_of(challenge_follower)
    assert "har valts" in swedish.subject, swedish.subject
    assert swedish.url == f"/sv/proposals/{proposal.pk}/"
    assert notices_of(bystander) == [] and notices_of(editor) == []


def test_the_team_hears_the_decision_with_the_private_reason_once(run_on_commit):
    challenge = make_challenge(phase="evaluation")
    proposal = ProposalFactory(challenge=challenge)
    lead = UserFactory()
    from partners.models import Membership

    Membership.objects.create(organisation=proposal.lead_organisation, user=lead)
    following.follow(lead, proposal)  # the team follows its own proposal too
    with run_on_commit():
        decide(
            proposals=[proposal],
            to_status="declined",
            by=make_staff(),
            reason="Too costly this year",
            public_reason="Outside the budget",
        )
    [notice] = Notification.objects.filter(recipient=lead)
    assert notice.kind == Notification.Kind.STATUS_CHANGE
    assert "Too costly this year" in notice.body


def test_a_bulk_decision_is_handed_to_delivery_in_one_call(run_on_commit, monkeypatch):
    from partners import delivery

    calls = []
    monkeypatch.setattr(delivery, "schedule", lambda items: calls.append(list(items)))
    challenge = make_challenge(phase="evaluation")
    proposals = [ProposalFactory(challenge=challenge) for _ in range(20)]
    follower = UserFactory()
    following.follow(follower, challenge)
    with run_on_commit():
        decide(proposals=proposals, to_status="declined", by=make_staff(), reason="Not now")
    assert len(calls) == 1
    mine = [n for n in calls[0] if n.recipient_id == follower.pk]
    assert len(mine) == 20
    assert len({n.event_id for n in mine}) == 20


def test_a_confidential_proposals_events_reach_only_its_team_staff_and_evaluators(
    run_on_commit,
):
    challenge = make_challenge(phase="evaluation")
    confidential = ProposalFactory(challenge=challenge, publication_consent=False)
    resident, evaluator, other_evaluator, editor = (
        UserFactory(),
        make_evaluator(challenge),
        make_evaluator(),
        make_staff(),
    )
    for person in (resident, evaluator, other_evaluator, editor):
        Follow.objects.create(
            user=person,
            content_type_id=following._key(challenge)[0].pk,
            object_id=challenge.pk,
        )
    with run_on_commit():
        decide(proposals=[confidential], to_status="selected", by=make_staff(), reason="Yes")
        post_official_answer(
            proposal=confidential, by=make_staff(), body="We will be in touch.", language="en"
        )
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert resident.pk not in told and other_evaluator.pk not in told
    assert {evaluator.pk, editor.pk} <= told
    assert not any(
        confidential.title in n.subject + n.body + str(n.texts)
        for n in Notification.objects.filter(recipient__in=[resident, other_evaluator])
    )


# --- official answers ------------------------------------------------------------------------


def test_staff_post_an_official_answer_that_is_public_translated_and_told(client, run_on_commit):
    proposal = ProposalFactory(challenge=make_challenge(phase="voting"), title="Night at KAMU")
    follower = UserFactory(preferred_language="sv")
    following.follow(follower, proposal)
    editor = make_staff()
    client.force_login(editor)
    url = reverse("ideas_proposal:answer", args=[proposal.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"language": "en", "body": "  "})
    assert refused.status_code == 200 and Notification.objects.count() == 0
    with run_on_commit():
        response = client.post(
            url,
            {
                "language": "en",
                "body": "We will try this in spring.",
                "body__sv": "Vi prövar det här på våren.",
                "body__fi": "Kokeilemme tätä keväällä.",
            },
        )
    assert response.status_code == 302
    [notice] = notices_of(follower, NoticeEvent.Kind.ANSWER)
    assert "Vi prövar det här på våren." in notice.body
    client.logout()
    swedish = client.get(f"/sv/proposals/{proposal.pk}/").content.decode()
    assert "Vi prövar det här på våren." in swedish
    english = client.get(f"/en/proposals/{proposal.pk}/").content.decode()
    assert "We will try this in spring." in english


def test_only_staff_may_answer_for_the_city(client):
    proposal = ProposalFactory(challenge=make_challenge(phase="voting"))
    url = reverse("ideas_proposal:answer", args=[proposal.pk])
    for person in (UserFactory(), make_evaluator(proposal.challenge)):
        client.force_login(person)
        assert client.get(url).status_code in (302, 403)
        assert client.post(url, {"language": "en", "body": "Hi"}).status_code in (302, 403)
    assert not proposal.official_answers.exists()  # a refusal, not a success's redirect
    draft = ProposalFactory(challenge=proposal.challenge, status="draft")
    client.force_login(make_staff())
    assert client.get(reverse("ideas_proposal:answer", args=[draft.pk])).status_code in (302, 403)
    assert not draft.official_answers.exists()


# --- pilots and offerings --------------------------------------------------------------------


def test_a_pilot_tells_followers_when_planned_started_and_completed(run_on_commit):
    pilot = make_pilot(stage=PilotStage.PLANNED, published=False)
    proposal_follower, challenge_follower = UserFactory(), UserFactory()
    following.follow(proposal_follower, pilot.proposal)
    following.follow(challenge_follower, pilot.proposal.challenge)
    staff = make_staff()
    with run_on_commit():
        pilot_advance(pilot=pilot, to_stage=PilotStage.RUNNING, by=staff)
    assert notices_of(proposal_follower) == []  # not public yet: no one outside hears
    with run_on_commit():
        pilot_set_published(pilot=pilot, published=True, by=staff)
    kinds = {n.event.kind for n in notices_of(proposal_follower)}
    assert kinds == {NoticeEvent.Kind.PILOT_CREATED, NoticeEvent.Kind.PILOT_STARTED}
    with run_on_commit():
        pilot_advance(pilot=pilot, to_stage=PilotStage.EVALUATING, by=staff)
        pilot_advance(
            pilot=pilot, to_stage=PilotStage.COMPLETED, by=staff, outcome=PilotOutcome.ADOPTED
        )
    [completed] = notices_of(challenge_follower, NoticeEvent.Kind.PILOT_COMPLETED)
    assert "Adopted" in completed.body
    assert completed.url == f"/en/pilots/{pilot.pk}/"
    assert len(notices_of(challenge_follower)) == 3  # each stage once


def test_an_offering_published_from_a_followed_pilot_is_told(run_on_commit):
    pilot = make_pilot()
    follower = UserFactory()
    following.follow(follower, pilot)
    offering = make_offering(pilot=pilot, published=False, title="Museum kit")
    with run_on_commit():
        offering_update(offering=offering, by=make_staff(), published=True)
    [notice] = notices_of(follower, NoticeEvent.Kind.OFFERING_PUBLISHED)
    assert "Museum kit" in notice.subject
    assert notice.url == f"/en/offerings/{offering.slug}/"


# --- the challenge's schedule ----------------------------------------------------------------


def test_voting_opening_and_results_are_announced_once_and_history_never():
    from cms.models import ChallengePage

    now = timezone.now()
    voting, old = make_challenge(phase="voting"), make_challenge(phase="voting")
    done = make_challenge(phase="piloting")
    ChallengePage.objects.filter(pk=voting.pk).update(voting_open=now - timedelta(hours=2))
    ChallengePage.objects.filter(pk=old.pk).update(voting_open=now - timedelta(days=30))
    ChallengePage.objects.filter(pk=done.pk).update(evaluation_end=now - timedelta(hours=1))
    resident = UserFactory()
    for challenge in (voting, old, done):
        following.follow(resident, challenge)
    assert announce_due(now=now) == 2
    kinds = sorted(n.event.kind for n in notices_of(resident))
    assert kinds == [NoticeEvent.Kind.RESULTS_PUBLISHED, NoticeEvent.Kind.VOTING_OPENED]
    assert announce_due(now=now) == 0
    assert len(notices_of(resident)) == 2


# --- the notification centre -----------------------------------------------------------------


def test_the_menu_shows_the_unread_count(client):
    resident = UserFactory()
    client.force_login(resident)
    assert "1 unread" not in client.get("/en/").content.decode()
    from partners.notifications import notify

    notify(recipient=resident, kind="update", subject="Something happened")
    assert "1 unread" in client.get("/en/").content.decode()
