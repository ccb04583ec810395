"""Permission rules about proposals, teams and comments. One function per rule, combined
from small predicates. Views, templates, the admin and the API all ask these functions."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners import rules as partner_rules
from partners.models import Membership

from ..models import EvaluatorAssignment, Proposal, ProposalStatus, TeamMember

EDITABLE_STATUSES = (ProposalStatus.DRAFT, ProposalStatus.SUBMITTED)
WITHDRAWABLE_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED)


@dataclass(frozen=True)
class Decision:
    """A yes/no answer with the reason for a no, to show the user."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


# --- small predicates ----------------------------------------------------------------


def is_team_member(user, proposal) -> bool:
    """The user belongs to the proposal's team: personally, or through a team organisation.

    Every proposal has a lead TeamMember row: its lead organisation, or the individual author."""
    if not partner_rules.is_signed_in(user):
        return False
    if getattr(proposal, "team_member_of", None) == user.pk:  # answered by the proposal's query
        return proposal.is_team_member
    cache = getattr(proposal, "_team_member_cache", None)
    if cache is None:
        cache = {}
        proposal._team_member_cache = cache
    if user.pk not in cache:
        cache[user.pk] = _team_rows(user).filter(proposal=proposal).exists()
    return cache[user.pk]


def _team_rows(user):
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    return TeamMember.objects.filter(Q(user=user) | Q(organisation_id__in=organisations))


def _column(model, field: str) -> str:
    return model._meta.get_field(field).column


# _team_rows(user).filter(proposal=<the outer proposal>).exists(), written out for queries that
# answer is_team_member() in their own SQL (the vote's read, ideas.selectors.votes): compiling the
# ORM's Exists(…OuterRef…) costs more Python on every vote than the database spends on the
# whole query. Parameters: the user's id, twice. A test keeps the two in step.
TEAM_MEMBER_SQL = (
    f"EXISTS (SELECT 1 FROM {TeamMember._meta.db_table} t "  # noqa: S608
    f"WHERE t.{_column(TeamMember, 'proposal')} = {Proposal._meta.db_table}.{_column(Proposal, 'id')} "
    f"AND (t.{_column(TeamMember, 'user')} = %s OR t.{_column(TeamMember, 'organisation')} IN "
    f"(SELECT m.{_column(Membership, 'organisation')} FROM {Membership._meta.db_table} m "
    f"WHERE m.{_column(Membership, 'user')} = %s)))"
)


def is_team_lead(user, proposal) -> bool:
    """A member of the lead organisation, or the individual author of an individual's idea."""
    if not partner_rules.is_signed_in(user):
        return False
    if proposal.lead_organisation_id:
        return Membership.objects.filter(
            organisation_id=proposal.lead_organisation_id, user=user
        ).exists()
    return TeamMember.objects.filter(
        proposal=proposal, user=user, role=TeamMember.Role.LEAD
    ).exists()


def is_assigned_evaluator(user, challenge) -> bool:
    return (
        partner_rules.is_evaluator(user)
        and EvaluatorAssignment.objects.filter(challenge=challenge, evaluator=user).exists()
    )


def proposals_open(challenge, now=None) -> bool:
    """The challenge is in its `proposals` phase (before proposals close)."""
    phase = challenge.phase_at(now) if now else challenge.phase
    return phase == "proposals"


def is_editable(proposal, now=None) -> bool:
    return proposal.status in EDITABLE_STATUSES and proposals_open(proposal.challenge, now)


# --- visibility ------------------------------------------------------------------------


def can_view_proposal(user, proposal) -> bool:
    """Who sees a proposal (DESIGN.md "Proposal"): everyone when it is public; otherwise its
    team and staff, and the challenge's assigned evaluators once it is submitted (never a
    draft or a withdrawn proposal)."""
    if proposal.is_public:
        return True
    if is_team_member(user, proposal):
        return True
    if partner_rules.is_staff_member(user):
        return True
    if proposal.status in (ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN):
        return False
    return is_assigned_evaluator(user, proposal.challenge)


def visible_proposals(user):
    """The proposals `can_view_proposal(user, ·)` allows, as one queryset. Pages look a
    proposal up in it, so a confidential id and a missing one take the same single query and
    the same 404: neither the answer nor the time it takes tells that the id exists."""
    if partner_rules.is_staff_member(user):
        return Proposal.objects.all()
    visible = Proposal.objects.public()
    if not partner_rules.is_signed_in(user):
        return visible
    visible |= Proposal.objects.filter(pk__in=_team_rows(user).values("proposal_id"))
    if partner_rules.is_evaluator(user):
        assigned = EvaluatorAssignment.objects.filter(evaluator=user).values("challenge_id")
        visible |= Proposal.objects.filter(challenge_id__in=assigned).exclude(
            status__in=(ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN)
        )
    return visible


def can_view_team_area(user, proposal) -> bool:
    """The team view: team list, history and diffs, team comments, status history."""
    return is_team_member(user, proposal) or partner_rules.is_staff_member(user)


can_view_history = can_view_team_area
can_see_team_comments = can_view_team_area
can_see_status_history = can_view_team_area


# --- submission and editing --------------------------------------------------------------


def can_start_proposal(user, challenge, now=None) -> Decision:
    """May the user start a proposal for this challenge (for an organisation or as an individual)?"""
    if not partner_rules.is_signed_in(user):
        return Decision(False, _("Sign in to make a proposal."))
    if not partner_rules.is_verified(user):
        return Decision(False, _("Verify your e-mail address before making a proposal."))
    if not proposals_open(challenge, now):
        phase = challenge.phase_at(now) if now else challenge.phase
        if phase == "upcoming":
            return Decision(False, _("This challenge does not accept proposals yet."))
        return Decision(
            False,
            _("Proposals for this challenge closed on %(date)s.") % {"date": _date(challenge)},
        )
    has_org = Membership.objects.filter(user=user).exists()
    if not has_org and not challenge.individuals_may_submit:
        return Decision(
            False,
            _(
                "This challenge accepts proposals from organisations only. Join or create an organisation first."
            ),
        )
    return Decision(True)


def _date(challenge) -> str:
    from django.utils import formats, timezone

    return formats.date_format(
        timezone.localtime(challenge.proposals_close), "SHORT_DATETIME_FORMAT"
    )


def can_propose_for_organisation(user, organisation) -> bool:
    return (
        partner_rules.is_verified(user)
        and Membership.objects.filter(organisation=organisation, user=user).exists()
    )


def can_propose_as_individual(user, challenge) -> bool:
    return partner_rules.is_verified(user) and challenge.individuals_may_submit


def can_edit_proposal(user, proposal, now=None) -> bool:
    """Every team member edits while the proposal is editable (draft or submitted, before close)."""
    return (
        partner_rules.is_verified(user)
        and is_team_member(user, proposal)
        and is_editable(proposal, now)
    )


def can_submit(user, proposal, now=None) -> bool:
    return (
        partner_rules.is_verified(user)
        and is_team_member(user, proposal)
        and proposal.status == ProposalStatus.DRAFT
        and proposals_open(proposal.challenge, now)
    )


def can_withdraw(user, proposal, now=None) -> bool:
    """The team withdraws a submitted (or shortlisted) proposal before proposals close."""
    return (
        is_team_member(user, proposal)
        and proposal.status in WITHDRAWABLE_STATUSES
        and proposals_open(proposal.challenge, now)
    )


def can_change_status(user, proposal=None) -> bool:
    """Staff decide statuses (in the Wagtail admin)."""
    return partner_rules.is_staff_member(user)


def can_post_official_answer(user, proposal) -> bool:
    """Staff answer a submitted proposal for the city (not a draft or a withdrawn one)."""
    return partner_rules.is_staff_member(user) and proposal.status not in (
        ProposalStatus.DRAFT,
        ProposalStatus.WITHDRAWN,
    )


# --- team ----------------------------------------------------------------------------------


def can_manage_team(user, proposal, now=None) -> bool:
    """The lead invites and removes co-developers while the proposal is editable."""
    return (
        partner_rules.is_verified(user)
        and is_team_lead(user, proposal)
        and is_editable(proposal, now)
    )


def can_invite_organisation(user, proposal, now=None) -> bool:
    """The lead invites an organisation picked from the directory while the proposal is
    editable (the same people who invite by e-mail)."""
    return can_manage_team(user, proposal, now)


def is_directory_invitation(invitation) -> bool:
    """An invitation to an organisation picked from the directory (not a link sent by e-mail):
    the organisation is named from the start and no token exists."""
    return (
        invitation.kind == invitation.Kind.ORGANISATION
        and invitation.organisation_id is not None
        and invitation.token_hash is None
    )


def can_answer_organisation_invitation(user, invitation, now=None) -> bool:
    """An owner of the invited organisation accepts or declines for it while it waits."""
    return (
        partner_rules.is_verified(user)
        and is_directory_invitation(invitation)
        and invitation.status == invitation.Status.PENDING
        and invitation.expires_at is not None
        and invitation.expires_at > (now or timezone.now())
        and Membership.objects.filter(
            organisation_id=invitation.organisation_id, user=user, role=Membership.Role.OWNER
        ).exists()
    )


def can_leave_team(user, member) -> bool:
    """A co-developer (a person, or a member of a co-developing organisation) leaves."""
    if member.role == member.Role.LEAD or not partner_rules.is_signed_in(user):
        return False
    if member.user_id:
        return member.user_id == user.pk
    return Membership.objects.filter(organisation_id=member.organisation_id, user=user).exists()


# --- comments ------------------------------------------------------------------------------


def can_comment(user, proposal) -> bool:
    """Verified residents comment on public proposals; the team and staff on any they see."""
    if not partner_rules.is_verified(user):
        return False
    if proposal.is_public:
        return True
    return can_view_team_area(user, proposal)


def can_comment_publicly(user, proposal) -> bool:
    return partner_rules.is_verified(user) and proposal.is_public


def can_comment_team_only(user, proposal) -> bool:
    return partner_rules.is_verified(user) and can_view_team_area(user, proposal)


def can_report_comment(user, comment) -> bool:
    return (
        partner_rules.is_verified(user) and comment.author_id != user.pk and not comment.is_hidden
    )


def can_moderate(user) -> bool:
    return partner_rules.is_moderator(user)
