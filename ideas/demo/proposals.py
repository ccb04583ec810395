"""Demo proposals, teams and comments, built through the services.

The texts are in `content.py`, written for each challenge of the cms demo (found by slug).
Written defensively: a challenge with another slug gets the proposals of the demo challenge
in the same phase, and teams are drawn from the organisations that exist when the named ones
do not; with no challenges or organisations it returns quietly. Idempotent: a proposal whose
title already exists on its challenge is skipped.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from cms.demo import CHALLENGES
from cms.models import ChallengePage
from partners import demo as partner_demo
from partners.models import Membership, Organisation, User
from partners.rules import EDITORS, MODERATORS

from ..models import (
    Comment,
    CommentReport,
    Proposal,
    ProposalRevision,
    ProposalStatus,
    StatusChange,
    TeamInvitation,
    TeamMember,
)
from ..services import comments as comment_services
from ..services import proposals as proposal_services
from ..services import team as team_services
from ..services.workflow import change_status
from .content import PROPOSALS, REASONS

PHASE_OF_SLUG = {spec["slug"]: spec["phase"] for spec in CHALLENGES}
SLUG_OF_PHASE = {phase: slug for slug, phase in PHASE_OF_SLUG.items()}


def _by_email(email):
    return User.objects.filter(email=email, is_active=True).first()


def _staff(group_name, email):
    """The demo account of the group, else any member, else a superuser."""
    return (
        _by_email(email)
        or User.objects.filter(groups__name=group_name, is_active=True).order_by("pk").first()
        or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    )


def _owner(organisation):
    membership = (
        Membership.objects.filter(
            organisation=organisation,
            role=Membership.Role.OWNER,
            user__email_verified_at__isnull=False,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _specs_for(challenge):
    slug = challenge.slug if challenge.slug in PROPOSALS else SLUG_OF_PHASE.get(challenge.phase)
    return PROPOSALS.get(slug, [])


class _Cast:
    """Resolves the author keys of content.py to accounts."""

    def __init__(self, residents):
        self.residents = {user.display_name.split()[0].lower(): user for user in residents}
        self.fallback = residents
        self.resident = _by_email(partner_demo.ACCOUNTS["resident"][0])
        self.editor = _staff(EDITORS, partner_demo.ACCOUNTS["editor"][0])
        self.moderator = _staff(MODERATORS, partner_demo.ACCOUNTS["moderator"][0])

    def person(self, key, lead):
        if key == "lead":
            return lead
        if key == "staff":
            return self.editor
        if key == "resident":
            return self.resident or self.fallback[0]
        if key == "advertiser":
            return partner_demo.demo_advertiser()
        return self.residents.get(key) or self.fallback[0]


def seed(*, stdout) -> None:
    try:
        locale = Locale.get_default()
    except Locale.DoesNotExist:
        stdout.write("  proposals: no default locale yet, skipped")
        return
    challenges = list(ChallengePage.objects.live().filter(locale=locale).order_by("pk"))
    organisations = [
        org
        for org in Organisation.objects.filter(memberships__role=Membership.Role.OWNER)
        .distinct()
        .order_by("pk")
        if _owner(org)
    ]
    if not challenges or not organisations:
        stdout.write(
            "  proposals: no challenges or organisations with verified owners yet, skipped"
        )
        return
    Group.objects.get_or_create(name=MODERATORS)
    cast = _Cast(partner_demo.demo_residents())
    by_name = {org.name: org for org in organisations}
    made = 0
    rotation = 0
    for challenge in challenges:
        for position, spec in enumerate(_specs_for(challenge)):
            if Proposal.objects.filter(challenge=challenge, title=spec["title"]).exists():
                continue
            timeline = Timeline(challenge, position)
            if not spec["team"]:
                if challenge.individuals_may_submit:
                    author = cast.person(spec["author"], None)
                    proposal = _build_individual(challenge, spec, author, timeline)
                    _comment(proposal, spec, author, cast, timeline)
                    timeline.apply(proposal)
                    made += 1
                continue
            team = [by_name[name] for name in spec["team"] if name in by_name]
            if len(team) < len(spec["team"]):  # not the partners demo: any organisations
                team = [
                    organisations[(rotation + i) % len(organisations)]
                    for i in range(min(len(spec["team"]), len(organisations)))
                ]
                rotation += 1
            proposal = _build(challenge, spec, team, cast.editor, timeline)
            _comment(proposal, spec, _owner(team[0]), cast, timeline)
            timeline.apply(proposal)
            made += 1
    stdout.write(f"  proposals: {made} created")


class Timeline:
    """When a demo proposal's events happened, inside its challenge's schedule.

    The services stamp what they write with the present moment; the demo tells a story that
    began weeks ago, so once a proposal is built its timestamps are set to the moments below:
    started and revised early in the proposal window (each proposal of a challenge a little
    later than the one before), submitted before the window closes, discussed while the
    challenge is open, and decided after the proposals (and votes) are in, before the
    evaluation ends. Everything stays in the past, whenever the demo is seeded.
    """

    def __init__(self, challenge, position):
        self.now = now = timezone.now() - timedelta(minutes=30)
        opened = challenge.proposals_open
        last_day = min(challenge.proposals_close, now)
        span = max(last_day - opened, timedelta(hours=1))
        self.started = opened + span * (0.05 + 0.08 * (position % 5))
        self.revised = self.started + span * 0.04
        self.submitted = self.started + span * 0.1
        closed = challenge.voting_close or challenge.proposals_close
        talk_until = min(closed, now) if closed > self.submitted else now
        self.talk = (self.submitted, max(talk_until, self.submitted + timedelta(hours=1)))
        decide_by = min(challenge.evaluation_end, now)
        self.decided = (
            (closed + (decide_by - closed) * 0.3, closed + (decide_by - closed) * 0.6)
            if decide_by > closed
            else (now, now)
        )
        self.comments = []  # (comment, posted at) in the order they were written

    def comment_time(self, number, of):
        start, end = self.talk
        return start + (end - start) * (number + 1) / (of + 2)

    def status_time(self, status):
        if status == ProposalStatus.SUBMITTED:
            return self.submitted
        if status == ProposalStatus.WITHDRAWN:
            return min(self.submitted + timedelta(days=2), self.now)
        if status == ProposalStatus.SHORTLISTED:
            return self.decided[0]
        return self.decided[1]

    def apply(self, proposal):
        Proposal.objects.filter(pk=proposal.pk).update(
            created_at=self.started, updated_at=self.revised
        )
        Proposal.objects.filter(pk=proposal.pk, submitted_at__isnull=False).update(
            submitted_at=self.submitted
        )
        for number, revision in enumerate(proposal.revisions.order_by("pk")):
            ProposalRevision.objects.filter(pk=revision.pk).update(
                created_at=self.started if number == 0 else self.revised
            )
        for change in StatusChange.objects.filter(proposal=proposal):
            StatusChange.objects.filter(pk=change.pk).update(
                created_at=self.status_time(change.to_status)
            )
        TeamMember.objects.filter(proposal=proposal).update(joined_at=self.started)
        TeamInvitation.objects.filter(proposal=proposal).update(
            created_at=self.started, responded_at=self.revised
        )
        for comment, when in self.comments:
            Comment.objects.filter(pk=comment.pk).update(created_at=when)
            CommentReport.objects.filter(comment=comment).update(
                created_at=when + timedelta(hours=3)
            )
            Comment.objects.filter(pk=comment.pk, hidden_at__isnull=False).update(
                hidden_at=when + timedelta(hours=5)
            )


def _paragraphs(body):
    parts = body.split("\n\n")
    return "\n\n".join(parts[:-1]) or body, body


def _build(challenge, spec, team, editor, timeline):
    lead_org, others = team[0], team[1:]
    lead = _owner(lead_org)
    # Built as it would have happened: while proposals were open, first draft then a revision.
    when = timeline.submitted
    groups = _groups(challenge, spec)
    first, full = _paragraphs(spec["body"])
    proposal = proposal_services.proposal_start(
        user=lead,
        challenge=challenge,
        organisation=lead_org,
        title=spec["title"],
        summary=spec["summary"],
        body=first,
        customer_groups=groups,
        language=spec["language"],
        translations=spec.get("translations"),
        confidential_pricing=spec.get("confidential_pricing", ""),
        confidential_details=spec.get("confidential_details", ""),
        now=when,
    )
    proposal_services.proposal_update(
        proposal=proposal,
        by=lead,
        expected_version=1,
        title=spec["title"],
        summary=spec["summary"],
        body=full,
        customer_groups=groups,
        now=when,
    )
    for org in others:
        owner = _owner(org)
        if owner is None or owner == lead:
            continue
        _, token = team_services.invitation_create(
            proposal=proposal,
            by=lead,
            email=owner.email,
            kind=TeamInvitation.Kind.ORGANISATION,
            now=when,
        )
        try:
            team_services.invitation_accept(token=token, user=owner, organisation=org)
        except proposal_services.ProposalError:
            continue
    proposal = Proposal.objects.select_related("challenge").get(pk=proposal.pk)
    status = spec["status"]
    if status == ProposalStatus.DRAFT:
        return proposal
    proposal_services.proposal_submit(
        proposal=proposal, by=lead, publication_consent=True, accept_terms=True, now=when
    )
    reasons = REASONS[spec["language"]]
    if status == ProposalStatus.WITHDRAWN:
        proposal_services.proposal_withdraw(
            proposal=proposal, by=lead, reason=spec["withdraw_reason"], now=when
        )
    elif status in (ProposalStatus.SHORTLISTED, ProposalStatus.SELECTED, ProposalStatus.DECLINED):
        change_status(
            proposal=proposal,
            to_status=ProposalStatus.SHORTLISTED,
            by=editor,
            reason=reasons[ProposalStatus.SHORTLISTED],
            public_reason=reasons[ProposalStatus.SHORTLISTED],
        )
        if status != ProposalStatus.SHORTLISTED:
            own = {
                ProposalStatus.DECLINED: "decline_reason",
                ProposalStatus.SELECTED: "select_reason",
            }
            reason = spec.get(own[status])
            change_status(
                proposal=proposal,
                to_status=status,
                by=editor,
                reason=reason or reasons[status],
                public_reason=reasons[status],
            )
    return proposal


def _groups(challenge, spec):
    groups = list(challenge.customer_groups.filter(slug__in=spec["groups"]))
    return groups or list(challenge.customer_groups.all()[:2])


def _build_individual(challenge, spec, author, timeline):
    """A resident's own idea: no lead organisation, the resident alone in the team."""
    when = timeline.submitted
    proposal = proposal_services.proposal_start(
        user=author,
        challenge=challenge,
        organisation=None,
        title=spec["title"],
        summary=spec["summary"],
        body=spec["body"],
        customer_groups=_groups(challenge, spec)[:1],
        language=spec["language"],
        translations=spec.get("translations"),
        now=when,
    )
    proposal = Proposal.objects.select_related("challenge").get(pk=proposal.pk)
    if spec["status"] != ProposalStatus.DRAFT:
        proposal_services.proposal_submit(
            proposal=proposal, by=author, publication_consent=True, accept_terms=True, now=when
        )
    return proposal


def _comment(proposal, spec, lead, cast, timeline):
    posted = []  # (comment, written in the order of the discussion)
    if proposal.is_public:
        for author_key, body, replies in spec.get("comments", []):
            author = cast.person(author_key, lead)
            if author is None or author == lead:
                continue
            question = comment_services.comment_post(proposal=proposal, author=author, body=body)
            posted.append(question)
            for reply_key, reply in replies:
                replier = cast.person(reply_key, lead)
                if replier is not None:
                    posted.append(
                        comment_services.comment_post(
                            proposal=proposal, author=replier, body=reply, parent=question
                        )
                    )
        if spec.get("hidden"):
            author_key, body, reporter_key, report, reason = spec["hidden"]
            bad = comment_services.comment_post(
                proposal=proposal, author=cast.person(author_key, lead), body=body
            )
            posted.append(bad)
            comment_services.comment_report(
                comment=bad, reporter=cast.person(reporter_key, lead), reason=report
            )
            if cast.moderator is not None:
                comment_services.comment_hide(comment=bad, by=cast.moderator, reason=reason)
    if spec["team"] and spec.get("team_note"):
        # A note the team wrote for itself, seen only by its members.
        posted.append(
            comment_services.comment_post(
                proposal=proposal, author=lead, body=spec["team_note"], visibility="team"
            )
        )
    timeline.comments = [
        (comment, timeline.comment_time(number, len(posted)))
        for number, comment in enumerate(posted)
    ]
