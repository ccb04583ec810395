"""The demo tells one coherent story: every text is written for its own challenge in real
sentences (no template or placeholder text, no body copied from one proposal to another), the
moderated example is hidden without the stored text insulting anyone, and every date follows
the challenge's schedule — proposals inside the proposal window, decisions after it, pilots
after their selection and inside the piloting period, offerings after their pilot."""

import io
import json
import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.models import ChallengePage, CustomerGroup, Theme
from ideas.demo.content import BY_KEY
from ideas.models import (
    Comment,
    CommentReport,
    Proposal,
    ProposalRevision,
    ProposalStatus,
    Review,
    StatusChange,
)
from marketplace.demo.content import OFFERINGS, PILOTS
from marketplace.models import (
    Feedback,
    Indicator,
    Milestone,
    Offering,
    Pilot,
    PilotEvent,
    PilotStage,
    PilotStageChange,
)
from partners.models import Organisation

PLACEHOLDERS = re.compile(
    r"lorem ipsum|\bwhat we offer\b|\bhow we pilot\b|\btodo\b|\btbd\b|\bx{3,}\b|placeholder"
    r"|example text|\bfoo\b|\bdummy\b|\btest text\b",
    re.IGNORECASE,
)
# Words that would make the moderated example an insult rather than an example of moderation.
ABUSIVE = re.compile(
    r"hävetkää|rahastaj|roskaa|idiot|rubbish|stupid|tyhm|skräp|dumhuvud|pelle", re.IGNORECASE
)
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, StreamField)
SKIP = {"slug", "url_path", "draft_title", "latest_revision", "content_type"}
DECIDED = (ProposalStatus.SHORTLISTED, ProposalStatus.SELECTED, ProposalStatus.DECLINED)


@pytest.fixture
def demo(db, mailoutbox, django_capture_on_commit_callbacks):
    # What runs after each step's commit when seeding for real (the notices) runs here too.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())


def _texts(obj):
    """(label, text) for every text field of `obj`, translations and StreamField included."""
    for field in obj._meta.concrete_fields:
        if not isinstance(field, TEXT_FIELDS) or field.name in SKIP or field.choices:
            continue
        value = field.value_from_object(obj)
        if isinstance(field, StreamField):
            value = json.dumps(field.get_prep_value(value), ensure_ascii=False)
        elif isinstance(value, dict | list):
            value = json.dumps(value, ensure_ascii=False)
        if value:
            yield f"{obj._meta.label} {obj.pk} {field.name}", str(value)


def _demo_objects():
    for model in (
        Proposal,
        ProposalRevision,
        StatusChange,
        Comment,
        CommentReport,
        Review,
        Pilot,
        Milestone,
        Indicator,
        Feedback,
        Offering,
        Organisation,
        CustomerGroup,
        Theme,
    ):
        yield from model.objects.all()
    for page in Page.objects.filter(depth__gt=1):
        yield page.specific


def test_no_text_of_the_demo_is_placeholder_or_template_text(demo):
    found = [
        (label, match.group(0))
        for obj in _demo_objects()
        for label, text in _texts(obj)
        for match in [PLACEHOLDERS.search(text)]
        if match
    ]
    assert found == []


def test_no_two_proposals_share_a_body_a_summary_or_a_comment(demo):
    for field in ("body", "summary"):
        counts = Counter(Proposal.objects.values_list(field, flat=True))
        assert [text for text, n in counts.items() if n > 1] == [], field
    # A comment, the team's own notes too, is written for the proposal it is on.
    on = Counter(body for body, _ in set(Comment.objects.values_list("body", "proposal")))
    assert [body for body, n in on.items() if n > 1] == []


def test_the_moderated_example_is_hidden_for_a_reason_and_insults_no_one(demo):
    hidden = list(Comment.objects.filter(hidden_at__isnull=False))
    assert hidden
    for comment in hidden:
        assert comment.hidden_by is not None and comment.hidden_reason
        assert comment.reports.exists()
    for comment in Comment.objects.all():
        assert not ABUSIVE.search(comment.body), comment.body
        assert not ABUSIVE.search(comment.hidden_reason), comment.hidden_reason


def _decided_at(proposal, status):
    change = proposal.status_changes.filter(to_status=status).order_by("created_at").first()
    return change.created_at if change else None


def test_every_date_follows_the_challenge_schedule(demo):
    now = timezone.now() + timedelta(minutes=5)
    proposals = Proposal.objects.select_related("challenge").exclude(status="draft")
    assert proposals
    for proposal in proposals:
        challenge = proposal.challenge
        window_close = challenge.voting_close or challenge.proposals_close
        name = proposal.title
        assert challenge.proposals_open <= proposal.submitted_at <= challenge.proposals_close, name
        assert proposal.created_at <= proposal.submitted_at, name
        for revision in proposal.revisions.all():
            assert proposal.created_at <= revision.created_at <= proposal.submitted_at, name
        for status in DECIDED:
            decided = _decided_at(proposal, status)
            if decided is not None:
                assert window_close <= decided <= now, (name, status)
        for comment in proposal.comments.all():
            assert proposal.created_at <= comment.created_at <= now, (name, comment.body)
            if comment.hidden_at:
                assert comment.created_at <= comment.hidden_at <= now, name
    for review in Review.objects.filter(submitted_at__isnull=False).select_related(
        "proposal__challenge"
    ):
        challenge = review.proposal.challenge
        assert (challenge.voting_close or challenge.proposals_close) <= review.submitted_at

    pilots = list(Pilot.objects.select_related("proposal__challenge"))
    assert {pilot.stage for pilot in pilots} == set(PilotStage.values)
    for pilot in pilots:
        challenge, name = pilot.proposal.challenge, pilot.title
        selected = _decided_at(pilot.proposal, ProposalStatus.SELECTED)
        assert pilot.proposal.status == ProposalStatus.SELECTED, name
        assert selected is not None and selected <= pilot.created_at, name
        assert selected.date() <= pilot.start_date <= pilot.end_date, name
        assert challenge.evaluation_end.date() <= pilot.start_date, name
        assert pilot.end_date <= challenge.pilots_end.date(), name
        for milestone in pilot.milestones.all():
            assert pilot.start_date <= milestone.due_date <= pilot.end_date, (name, milestone)
            if milestone.done_date:
                assert milestone.done_date <= now.date(), (name, milestone)
        for indicator in pilot.indicators.all():
            for measurement in indicator.measurements.all():
                assert pilot.start_date <= measurement.date <= min(pilot.end_date, now.date())
        for feedback in pilot.feedback.all():
            assert pilot.start_date <= feedback.created_at.date() <= now.date(), name
        changes = list(PilotStageChange.objects.filter(pilot=pilot).order_by("created_at", "pk"))
        forward = [PilotStage.RUNNING, PilotStage.EVALUATING, PilotStage.COMPLETED]
        assert [c.to_stage for c in changes] == forward[: len(changes)], name
        for change in changes:
            assert pilot.created_at <= change.created_at <= now, (name, change.to_stage)
            if change.to_stage == PilotStage.RUNNING:
                assert pilot.start_date <= change.created_at.date(), name
            if change.to_stage == PilotStage.COMPLETED:
                assert pilot.end_date <= change.created_at.date(), name
        for event in PilotEvent.objects.filter(pilot=pilot):
            assert selected <= event.created_at <= now, (name, event.kind)

    offerings = Offering.objects.filter(pilot__isnull=False).select_related("pilot")
    assert offerings
    for offering in offerings:
        pilot = offering.pilot
        assert pilot.stage == PilotStage.COMPLETED, offering.title
        completed = PilotStageChange.objects.get(pilot=pilot, to_stage=PilotStage.COMPLETED)
        assert completed.created_at <= offering.created_at, offering.title
        assert pilot.end_date <= offering.created_at.date(), offering.title


def test_each_pilot_grows_from_its_own_proposal_and_each_offering_from_its_pilot(demo):
    for spec in PILOTS:
        slug, proposal_spec = BY_KEY[spec["proposal"]]
        pilot = Pilot.objects.select_related("proposal__challenge").get(
            proposal__title=proposal_spec["title"]
        )
        assert pilot.proposal.challenge.slug == slug
        assert pilot.text("title", proposal_spec["language"]) in spec["title"]
        assert pilot.proposal.challenge.phase in ("piloting", "closed")
    for spec in OFFERINGS:
        offering = Offering.objects.select_related("pilot__proposal").get(slug=spec["slug"])
        if spec["pilot"] is None:
            assert offering.pilot is None
        else:
            assert offering.pilot.proposal.title == BY_KEY[spec["pilot"]][1]["title"]
    # Only a selected proposal of a challenge that has reached piloting becomes a pilot.
    for challenge in ChallengePage.objects.live().filter(locale__language_code="fi"):
        if challenge.phase not in ("piloting", "closed"):
            assert not Pilot.objects.filter(proposal__challenge=challenge).exists()


def test_the_demo_resident_follows_the_voting_challenge_and_has_notices_of_each_kind(demo):
    from partners import notices as following
    from partners.demo import ACCOUNTS
    from partners.models import NoticeEvent, Notification, User

    resident = User.objects.get(email=ACCOUNTS["resident"][0])
    voting = ChallengePage.objects.get(slug="perheviikonloput", locale__language_code="fi")
    assert following.is_following(resident, voting)
    kinds = set(
        Notification.objects.filter(recipient=resident, event__isnull=False).values_list(
            "event__kind", flat=True
        )
    )
    expected = set(NoticeEvent.Kind.values) - {NoticeEvent.Kind.STATUS}
    assert expected <= kinds, sorted(expected - kinds)
    # Every notice is in the resident's language and opens a page of the site.
    for notice in Notification.objects.filter(recipient=resident, event__isnull=False):
        assert notice.url.startswith("/fi/"), notice.url


def test_staff_entered_a_vote_a_comment_and_an_idea_on_peoples_behalf(demo):
    from ideas.models import Vote
    from partners.channels import Channel

    assisted = {"channel": Channel.ASSISTED, "entry_consent": True, "entered_by__isnull": False}
    vote = Vote.objects.select_related("user").get(**assisted)
    comment = Comment.objects.get(**assisted)
    idea = Proposal.objects.get(**assisted)
    # Each is the person's own, not the staff member's.
    assert vote.user == comment.author != vote.entered_by
    assert idea.created_by != idea.entered_by and idea.status == ProposalStatus.SUBMITTED
    assert not vote.user.has_usable_password()
