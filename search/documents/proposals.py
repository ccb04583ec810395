"""Proposals: public ones (`Proposal.objects.public()`), with their challenge's themes."""

from __future__ import annotations

from ideas.models import Proposal, TeamMember

from ..models import EntryKind
from .base import ChallengeThemes, RowReader, grouped, related_slugs, sorted_unique


class ProposalRows(RowReader):
    """Rows that show a proposal's customer groups and organisation kinds and its challenge's
    themes (a proposal, a pilot): one query each per chunk, a challenge's themes once."""

    proposal_column = "pk"
    challenge_column = "challenge_id"

    def __init__(self):
        self.challenge_themes = ChallengeThemes()

    def load(self, rows: list[dict]) -> None:
        proposal_ids = [row[self.proposal_column] for row in rows]
        self.customer_groups = related_slugs(Proposal.customer_groups, proposal_ids)
        # Kinds of the team members' organisations (the lead's comes with the row).
        self.team_kinds = grouped(
            TeamMember.objects.filter(proposal_id__in=proposal_ids, organisation__isnull=False)
            .values_list("proposal_id", "organisation__kind")
            .order_by()
        )
        self.challenge_themes.of({row[self.challenge_column] for row in rows})

    def groups_of(self, row: dict) -> list[str]:
        return sorted_unique(self.customer_groups.get(row[self.proposal_column], []))

    def themes_of(self, row: dict) -> list[str]:
        return list(self.challenge_themes[row[self.challenge_column]])

    def kinds_of(self, row: dict, lead_kind: str) -> list[str]:
        return sorted_unique([*self.team_kinds.get(row[self.proposal_column], []), lead_kind])


class Proposals(ProposalRows):
    kind = EntryKind.PROPOSAL
    model = Proposal
    columns = (
        "lead_organisation__name",
        "lead_organisation__kind",
        "challenge_id",
        "submitted_at",
        "created_at",
        "status",
        "vote_count",
    )

    def queryset(self):
        return Proposal.objects.public()

    def shared(self, row: dict) -> str:
        return row["lead_organisation__name"] or ""

    def fields(self, row: dict) -> dict:
        return {
            "date": row["submitted_at"] or row["created_at"],
            "customer_groups": self.groups_of(row),
            "themes": self.themes_of(row),
            "organisation_kinds": self.kinds_of(row, row["lead_organisation__kind"]),
            "stage": row["status"],
            "vote_count": row["vote_count"],
        }
