"""Reads about votes: the vote box, a user's votes, challenge results, the votes per day.

Data only (models, dataclasses, numbers and text): the templates and template tags draw it."""

import functools
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from cms.models import ChallengePage, view_restricted_sql
from partners import rules as partner_rules
from partners.channels import Channel

from ..models import Proposal, Vote, VoteEvent
from ..rules.proposals import TEAM_MEMBER_SQL
from ..rules.votes import (
    VoteDecision,
    can_see_vote_counts,
    has_voting,
    is_voting_closed,
    is_voting_open,
    vote_permission,
    withdraw_permission,
)

# --- the vote's own read --------------------------------------------------------------------
# What the vote rules, the answer and the vote box read of a proposal and of its challenge.
VOTE_PROPOSAL_FIELDS = (
    "id",
    "challenge",
    "title",
    "language",
    "translations",  # the answer names the proposal in the voter's language
    "status",
    "publication_consent",
    "vote_count",
)
VOTE_CHALLENGE_FIELDS = (
    "page_ptr",
    "proposals_public",
    "voting_open",
    "voting_close",
    "votes_per_resident",
    "show_vote_counts_while_voting",
)


def _columns(model, names):
    """The fields in the model's own order (Model.from_db's), and their columns for a SELECT."""
    wanted = {model._meta.get_field(name) for name in names}
    fields = tuple(f for f in model._meta.concrete_fields if f in wanted)
    table = model._meta.db_table
    return fields, ", ".join(f"{table}.{f.column}" for f in fields)


@functools.cache
def _converters(model, fields: tuple, vendor: str) -> list[tuple]:
    """(column, its converters) per field: the backend's and the field's, as the ORM applies
    them (SQLite keeps dates as text, PostgreSQL does not). Once per process and database."""
    columns = [f.get_col(model._meta.db_table) for f in fields]
    return [
        (col, connection.ops.get_db_converters(col) + col.get_db_converters(connection))
        for col in columns
    ]


def _instance(model, fields: tuple, values):
    """A model instance from database values, as the ORM builds one."""
    converted = []
    for (col, converters), value in zip(
        _converters(model, fields, connection.vendor), values, strict=True
    ):
        for converter in converters:
            value = converter(value, col, connection)
        converted.append(value)
    return model.from_db(connection.alias, [f.attname for f in fields], converted)


_PROPOSAL_FIELDS, _PROPOSAL_COLUMNS = _columns(Proposal, VOTE_PROPOSAL_FIELDS)
_CHALLENGE_FIELDS, _CHALLENGE_COLUMNS = _columns(ChallengePage, VOTE_CHALLENGE_FIELDS)
_CHALLENGE_ID = f"{ChallengePage._meta.db_table}.{ChallengePage._meta.pk.column}"
_VOTE_READ = (
    f"SELECT {_PROPOSAL_COLUMNS}, {_CHALLENGE_COLUMNS}, "  # noqa: S608
    f"{view_restricted_sql(_CHALLENGE_ID)}, {TEAM_MEMBER_SQL} "
    f"FROM {Proposal._meta.db_table} JOIN {ChallengePage._meta.db_table} "
    f"ON {ChallengePage._meta.db_table}.{ChallengePage._meta.pk.column} = "
    f"{Proposal._meta.db_table}.{Proposal._meta.get_field('challenge').column} "
    f"WHERE {Proposal._meta.db_table}.{Proposal._meta.pk.column} = %s"
)


def proposal_for_vote(pk, user) -> Proposal | None:
    """The proposal `pk` with its challenge's vote settings, whether the challenge is in a
    private section (is_public answers from it) and whether `user` is on its team
    (is_team_member answers from it), in one query; None when there is no such proposal.

    The hot path of a voting campaign: the same query through the ORM (select_related, only,
    an Exists annotation) costs about a millisecond of Python to compile on every vote, more than
    the database spends on all of the vote's queries. Visibility is still the caller's to check."""
    user_id = user.pk if partner_rules.is_signed_in(user) else None
    with connection.cursor() as cursor:
        cursor.execute(_VOTE_READ, [user_id, user_id, pk])
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(_PROPOSAL_FIELDS)
    proposal = _instance(Proposal, _PROPOSAL_FIELDS, row[:split])
    challenge = _instance(ChallengePage, _CHALLENGE_FIELDS, row[split:-2])
    challenge.is_view_restricted = bool(row[-2])
    Proposal.challenge.field.set_cached_value(proposal, challenge)
    if user_id is not None:
        proposal.is_team_member, proposal.team_member_of = bool(row[-1]), user_id
    return proposal


@dataclass
class VoteBox:
    proposal: Proposal
    has_voted: bool
    show_count: bool
    count: int
    can_vote: VoteDecision
    can_withdraw: VoteDecision
    voting_scheduled: bool


def vote_box_state(user, proposal) -> VoteBox:
    challenge = proposal.challenge
    has_voted = user.is_authenticated and Vote.objects.filter(user=user, proposal=proposal).exists()
    return VoteBox(
        proposal=proposal,
        has_voted=has_voted,
        show_count=can_see_vote_counts(challenge, user),
        count=proposal.vote_count,
        can_vote=vote_permission(user, proposal),
        can_withdraw=withdraw_permission(user, proposal) if has_voted else VoteDecision(False),
        voting_scheduled=has_voting(challenge),
    )


@dataclass
class ChallengeVotes:
    challenge: object
    votes: list = field(default_factory=list)

    @property
    def limit(self) -> int:
        return self.challenge.votes_per_resident

    @property
    def votes_left(self) -> int | None:
        """None means no limit."""
        if not self.limit:
            return None
        return max(self.limit - len(self.votes), 0)

    @property
    def is_open(self) -> bool:
        return is_voting_open(self.challenge)


def user_votes_by_challenge(user) -> list[ChallengeVotes]:
    """The user's live votes grouped per challenge (newest challenge first). One query."""
    votes = (
        Vote.objects.filter(user=user)
        .select_related("proposal", "challenge")
        .order_by("-challenge__voting_close", "challenge_id", "-created_at")
    )
    groups: OrderedDict[int, ChallengeVotes] = OrderedDict()
    for vote in votes:
        group = groups.setdefault(vote.challenge_id, ChallengeVotes(challenge=vote.challenge))
        vote.proposal.challenge = vote.challenge  # spare a query per proposal
        group.votes.append(vote)
    return list(groups.values())


def challenge_ranking(challenge):
    """Public proposals of the challenge ranked by votes; ties go to the earlier submission."""
    return (
        Proposal.objects.public()
        .filter(challenge=challenge)
        .select_related("lead_organisation")
        .order_by("-vote_count", "submitted_at", "pk")
    )


class RankedProposal(NamedTuple):
    """A line of the challenge page's vote ranking: the proposal's address, its title in the
    reader's language and its vote count as text ("3 votes")."""

    url: str
    title: str
    votes: str


def ranking_items(challenge) -> list[RankedProposal]:
    """The ranking as the challenge page lists it: link, title and vote count of every public
    proposal, best first. Built in one pass over (pk, title, votes) tuples with one reverse()
    and one translated label per distinct count: a challenge can hold hundreds of proposals.
    `{% vote_ranking_items %}` draws them."""
    url = reverse("ideas:proposal-detail", kwargs={"pk": 0})
    head, tail = url.rsplit("/0/", 1)
    rows = (
        challenge_ranking(challenge)
        .select_related(None)
        .values_list("pk", "title", "language", "translations", "vote_count")
    )
    language = (translation.get_language() or "").split("-")[0]

    def title(original: str, written_in: str, translations) -> str:
        if written_in != language:
            return ((translations or {}).get(language) or {}).get("title") or original
        return original

    labels: dict[int, str] = {}  # counts repeat: translate each number once

    def votes(n: int) -> str:
        if n not in labels:
            labels[n] = ngettext("%(n)d vote", "%(n)d votes", n) % {"n": n}
        return labels[n]

    return [
        RankedProposal(f"{head}/{pk}/{tail}", title(text, written_in, translations), votes(count))
        for pk, text, written_in, translations, count in rows
    ]


def challenge_results_state(user, challenge) -> dict:
    closed = is_voting_closed(challenge)
    show_counts = can_see_vote_counts(challenge, user)
    ranking = ranking_items(challenge) if (closed or show_counts) else []
    return {
        "has_voting": has_voting(challenge),
        "voting_closed": closed,
        "voting_open": is_voting_open(challenge),
        "show_counts": show_counts,
        "ranking": ranking,
    }


@dataclass
class DayRow:
    day: date
    cast: int
    removed: int
    total: int


def proposal_votes_per_day(proposal) -> list[DayRow]:
    """Votes cast and removed (withdrawn or voided) per day, with the running total, from
    the event log; days without events are filled in. Dates in the site's time zone."""
    rows = (
        VoteEvent.objects.filter(proposal=proposal)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(
            cast=Count("id", filter=Q(action=VoteEvent.Action.CAST)),
            removed=Count("id", filter=~Q(action=VoteEvent.Action.CAST)),
        )
        .order_by("day")
    )
    by_day = {row["day"]: row for row in rows}
    if not by_day:
        return []
    result, total = [], 0
    day, last = min(by_day), max(by_day)
    while day <= last:
        row = by_day.get(day, {"cast": 0, "removed": 0})
        total += row["cast"] - row["removed"]
        result.append(DayRow(day=day, cast=row["cast"], removed=row["removed"], total=total))
        day += timedelta(days=1)
    return result


def votes_by_channel(proposal: Proposal) -> list[tuple[str, int]]:
    """The proposal's live votes per channel (label, count), in the channels' order, for staff.
    Votes come from the web today; the table shows it, and any other channel when it comes."""
    counts = dict(
        Vote.objects.filter(proposal=proposal)
        .values_list("channel")
        .annotate(n=Count("id"))
        .values_list("channel", "n")
    )
    return [(label, counts[value]) for value, label in Channel.choices if counts.get(value)]
