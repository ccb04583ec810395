"""The whole run, step by step, and the showcase the benchmark loads."""

import io
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import OutputWrapper
from django.db import connection, transaction
from django.utils import timezone

from cms.models import ChallengePage
from ideas.models import Comment, Proposal, ProposalStatus
from marketplace.models import Offering, Pilot
from search.indexing import paused

from .bulk import Run
from .challenges import add_challenges, taxonomy
from .people import add_organisations, add_residents
from .pilots import add_offerings, add_pilots
from .proposals import ProposalPlan, add_comments, add_proposals
from .text import text
from .votes import add_votes, plan_votes, vote_counts


def analyze() -> None:
    """Fresh planner statistics after a bulk load: until autovacuum gets to them, PostgreSQL
    would plan today's queries by the row counts of yesterday's tables."""
    if connection.vendor in ("postgresql", "sqlite") and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def seed(*, stream, **counts) -> dict:
    """Insert the rows (`counts`: the keyword arguments of `add_everything`); returns how many
    of each were added. The catalogue index is not updated row by row (its hooks are paused):
    rebuild it afterwards (`search_index --rebuild`, which `seed_scale` runs unless
    --no-index)."""
    if not isinstance(stream, OutputWrapper):
        stream = OutputWrapper(stream)
    with paused():
        return add_everything(stream=stream, **counts)


def add_everything(
    *,
    stream,
    challenges: int,
    proposals: int,
    votes: int,
    comments: int,
    pilots: int,
    offerings: int,
    organisations: int,
    users: int,
    batch_size: int = 2000,
) -> dict:
    run = Run(
        tag=f"s{secrets.token_hex(3)}", now=timezone.now(), stream=stream, batch_size=batch_size
    )
    groups, themes = taxonomy(run.tag)
    residents = add_residents(run, max(users, 1))
    orgs = add_organisations(run, organisations, owners=residents)
    pages = add_challenges(run, max(challenges, 1), groups=groups, themes=themes)

    plan = ProposalPlan.make(pages, proposals, min(pilots, proposals))
    vote_plan = plan_votes(len(residents), plan.votable, votes)
    rows = add_proposals(
        run,
        plan,
        vote_counts=vote_counts(vote_plan, proposals),
        authors=residents,
        organisations=orgs,
        groups=groups,
    )
    add_votes(run, vote_plan, voters=residents, proposals=rows, challenges=plan.voting)
    commented = add_comments(run, comments, proposals=rows, authors=residents)

    pilot_rows = add_pilots(run, [rows[i] for i in sorted(plan.selected)])
    offering_rows = add_offerings(
        run, offerings, pilots=pilot_rows, organisations=orgs, groups=groups, themes=themes
    )
    return {
        "users": len(residents),
        "organisations": len(orgs),
        "challenges": len(pages),
        "proposals": len(rows),
        "votes": len(vote_plan),
        "comments": commented,
        "pilots": len(pilot_rows),
        "offerings": len(offering_rows),
    }


def showcase(*, proposals: int, comments: int, stream=None) -> dict:
    """One voting challenge with `proposals` public proposals, one of them with `comments`
    public comments and a published pilot: the pages the benchmark loads. Returns their ids."""
    stream = stream or io.StringIO()
    seeded = seed(
        stream=stream,
        challenges=1,
        proposals=proposals,
        votes=0,
        comments=0,
        pilots=1,
        offerings=1,
        organisations=2,
        users=max(comments, 1),
    )
    page = ChallengePage.objects.order_by("-pk").first()
    proposal = (
        Proposal.objects.filter(challenge=page)
        .order_by("pk")
        .exclude(status=ProposalStatus.SELECTED)
        .first()
    )
    authors = list(get_user_model().objects.order_by("-pk")[: max(comments, 1)])
    with transaction.atomic():
        Comment.objects.bulk_create(
            Comment(proposal=proposal, author=authors[i % len(authors)], body=text(i, 20))
            for i in range(comments)
        )
    pilot = Pilot.objects.filter(proposal__challenge=page).get()
    return {
        "challenge": page,
        "proposal": proposal,
        "pilot": pilot,
        "offering": Offering.objects.order_by("-pk").first(),
        "seeded": seeded,
    }
