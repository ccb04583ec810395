"""Public proposals with their lead team members and customer groups, and comments on them."""

from dataclasses import dataclass
from datetime import timedelta

from ideas.models import Comment, Proposal, ProposalStatus, TeamMember

from .bulk import Run
from .text import text


@dataclass
class ProposalPlan:
    """Which challenge each proposal goes to, which are selected for a pilot (from piloting
    challenges only), and which stay open to votes in each voting challenge."""

    challenges: list  # the challenge of proposal i
    selected: set[int]
    voting: list  # the voting challenges
    votable: list[list[int]]  # per voting challenge: its proposals open to votes

    @classmethod
    def make(cls, pages: list, count: int, pilots: int) -> "ProposalPlan":
        voting = [p for p in pages if p.phase == "voting"] or pages[:1]
        piloting = [p for p in pages if p not in voting]
        challenges = [pages[i % len(pages)] for i in range(count)]
        pilot_pool = piloting or pages
        order = sorted(range(count), key=lambda i: challenges[i] not in pilot_pool)
        if piloting:  # pilots come from piloting challenges only; voting ones keep theirs
            pilots = min(pilots, sum(1 for page in challenges if page in pilot_pool))
        selected = set(order[:pilots])
        position = {page.pk: n for n, page in enumerate(voting)}
        votable = [[] for _ in voting]
        for i, page in enumerate(challenges):
            if page.pk in position and i not in selected:
                votable[position[page.pk]].append(i)
        return cls(challenges=challenges, selected=selected, voting=voting, votable=votable)


def add_proposals(
    run: Run, plan: ProposalPlan, *, vote_counts, authors, organisations, groups
) -> list[Proposal]:
    rows = []
    for i, page in enumerate(plan.challenges):
        organisation = organisations[i % len(organisations)] if organisations and i % 4 else None
        rows.append(
            Proposal(
                challenge=page,
                title=f"Proposal {run.tag}-{i}: {text(i, 4)}",
                summary=text(i, 25),
                body=text(i + 1, 60),
                language="fi",
                lead_organisation=organisation,
                created_by=authors[(i * 13) % len(authors)],
                status=ProposalStatus.SELECTED if i in plan.selected else ProposalStatus.SUBMITTED,
                publication_consent=True,
                vote_count=vote_counts[i],
                submitted_at=run.now - timedelta(minutes=i % 5000),
            )
        )
    rows = run.bulk(Proposal, rows, label="proposals")
    run.bulk(
        TeamMember,
        (
            TeamMember(
                proposal=proposal,
                organisation=proposal.lead_organisation,
                user=None if proposal.lead_organisation else proposal.created_by,
                role=TeamMember.Role.LEAD,
            )
            for proposal in rows
        ),
        label="team leads",
    )
    through = Proposal.customer_groups.through
    run.bulk(
        through,
        (
            through(proposal_id=proposal.pk, customergroup_id=groups[i % len(groups)].pk)
            for i, proposal in enumerate(rows)
        ),
        label="proposal groups",
    )
    return rows


def add_comments(run: Run, count: int, *, proposals: list, authors: list) -> int:
    if not proposals:
        return 0
    run.bulk(
        Comment,
        (
            Comment(
                proposal=proposals[(i * 17) % len(proposals)],
                author=authors[(i * 7) % len(authors)],
                body=text(i, 20),
            )
            for i in range(count)
        ),
        label="comments",
    )
    return count
