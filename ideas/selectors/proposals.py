"""Reads about proposals that apply visibility or span relations."""

import difflib
from typing import NamedTuple

from django.conf import settings
from django.db.models import Prefetch, Q
from wagtail.models import Locale

from cms.models import ChallengePage
from partners.images import with_renditions
from partners.models import Membership, Organisation, User

from ..models import Comment, CommentVisibility, Proposal, ProposalStatus, TeamMember

SORTS = {
    "newest": ["-submitted_at", "-id"],
    "votes": ["-vote_count", "-submitted_at", "-id"],
    "title": ["title", "id"],
}


def default_locale_challenge(challenge):
    """Proposals attach to the challenge page in the default locale (fi)."""
    default = Locale.get_default()
    if challenge.locale_id == default.pk:
        return challenge
    return type(challenge).objects.get(translation_key=challenge.translation_key, locale=default)


def team_users(proposal):
    """Every person on the team: individual members and members of team organisations."""
    return (
        User.objects.filter(
            Q(team_memberships__proposal=proposal)
            | Q(memberships__organisation__team_memberships__proposal=proposal)
        )
        .filter(is_active=True)
        .distinct()
    )


def proposal_for_page(pk, *, among):
    """The proposal with everything its page shows, in a fixed number of queries, looked up in
    `among` (the proposals the user may see). Nothing is prefetched unless it is found there."""
    team = TeamMember.objects.select_related("organisation", "user").order_by("role", "id")
    return (
        with_renditions(
            among.select_related("challenge", "lead_organisation", "created_by"), "cover_image"
        )
        .prefetch_related(
            "customer_groups",
            Prefetch("team", queryset=with_renditions(team, "organisation__logo")),
            "attachments",
            Prefetch("status_changes", queryset=_status_changes()),
        )
        .get(pk=pk)
    )


def _status_changes():
    from ..models import StatusChange

    return StatusChange.objects.select_related("changed_by").order_by("created_at", "id")


def comments_for(*, proposal, include_team: bool):
    """Top-level comments with their replies (one level), authors joined. Team-only comments
    only when `include_team`."""
    visible = Q(visibility=CommentVisibility.PUBLIC)
    if include_team:
        visible = Q()
    replies = Comment.objects.filter(visible).select_related("author").order_by("created_at", "id")
    return (
        Comment.objects.filter(visible, proposal=proposal, parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "id")
    )


def public_proposals(*, challenge, sort: str = "newest"):
    """A challenge's public proposals (for any locale version of the challenge page), as its
    cards show them: without the body, with the team."""
    order = SORTS.get(sort, SORTS["newest"])
    return (
        with_renditions(Proposal.objects.public(), "cover_image")
        .filter(challenge__translation_key=challenge.translation_key)
        .defer("body")
        .prefetch_related(
            Prefetch(
                "team",
                queryset=TeamMember.objects.select_related("organisation", "user").order_by(
                    "role", "id"
                ),
            )
        )
        .order_by(*order)
    )


def proposals_of_user(user):
    """Proposals whose team the user is on (personally or through an organisation), with
    their covers and renditions: the same queries however many there are."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    ids = TeamMember.objects.filter(Q(user=user) | Q(organisation__memberships__user=user)).values(
        "proposal_id"
    )
    proposals = Proposal.objects.filter(pk__in=ids).select_related("challenge", "lead_organisation")
    return with_renditions(proposals, "cover_image").order_by("-updated_at", "-id")


def challenges_open_for_proposals():
    """Live, public challenges accepting proposals now, in the default locale (proposals attach
    there), the nearest deadline first."""
    return (
        ChallengePage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .in_phase("proposals")
        .order_by("proposals_close", "pk")
    )


def organisations_to_invite(*, organisations, limit: int = 50):
    """The first `limit` of `organisations` (a filtered queryset of organisations with an
    owner), by name, as a queryset a choice field can validate against."""
    ids = list(organisations.order_by("name", "pk").values_list("pk", flat=True)[:limit])
    return Organisation.objects.filter(pk__in=ids).order_by("name", "pk")


def organisations_with_owner():
    """Every organisation an invitation from the directory may name (one with an owner)."""
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(role=Membership.Role.OWNER).values("organisation_id")
    )


def revisions_of(proposal):
    return proposal.revisions.select_related("author").order_by("-version")


class DiffLine(NamedTuple):
    """One line of a revision diff: "del" (removed), "ins" (added) or "same"."""

    kind: str
    text: str


DIFF_KINDS = {"- ": "del", "+ ": "ins", "  ": "same"}


def revision_diff(old, new) -> list[tuple[str, list[DiffLine]]]:
    """Two revisions compared field by field: (field, its lines) for title, summary and body.
    Plain data: the template marks removed and added lines (and escapes the text)."""
    parts = []
    for field in ("title", "summary", "body"):
        a = (getattr(old, field) or "").splitlines()
        b = (getattr(new, field) or "").splitlines()
        lines = [
            DiffLine(DIFF_KINDS[line[:2]], line[2:])
            for line in difflib.ndiff(a, b)
            if line[:2] in DIFF_KINDS
        ]
        parts.append((field, lines))
    return parts


def page_size() -> int:
    return settings.TORI_PROPOSALS_PER_PAGE


DECIDED_STATUSES = (ProposalStatus.SHORTLISTED, ProposalStatus.SELECTED, ProposalStatus.DECLINED)


def public_decision(proposal):
    """The decision that gave the proposal its status (shortlisted, selected, declined), with
    the public reason staff gave; None before a decision."""
    if proposal.status not in DECIDED_STATUSES:
        return None
    return (
        proposal.status_changes.filter(to_status=proposal.status)
        .order_by("-created_at", "-pk")
        .first()
    )
