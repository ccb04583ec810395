"""Pilots: published ones, with their proposal's customer groups and challenge's themes."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from ideas.models import Proposal
from marketplace.models import Pilot

from ..models import EntryKind
from .entry import HELSINKI
from .proposals import ProposalRows


def _as_datetime(value: date | datetime | None) -> datetime:
    if value is None:
        return timezone.now()
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time.min, tzinfo=HELSINKI)


class Pilots(ProposalRows):
    kind = EntryKind.PILOT
    model = Pilot
    columns = (
        "start_date",
        "stage",
        "proposal_id",
        "proposal__language",
        "proposal__challenge_id",
        "proposal__lead_organisation__kind",
    )
    proposal_column = "proposal_id"
    challenge_column = "proposal__challenge_id"

    def queryset(self):
        return Pilot.objects.published()

    def load(self, rows: list[dict]) -> None:
        self.public = set(
            Proposal.objects.public()
            .filter(pk__in=[row["proposal_id"] for row in rows])
            .values_list("pk", flat=True)
        )
        super().load(rows)

    def language(self, row: dict) -> str:
        # Without a language of its own, a pilot is written in its proposal's.
        return row["proposal__language"] or ""

    def fields(self, row: dict) -> dict:
        return {
            "date": _as_datetime(row["start_date"]),
            "customer_groups": self.groups_of(row),
            "themes": self.themes_of(row),
            # A confidential proposal's team is not told, not even as organisation types.
            "organisation_kinds": (
                self.kinds_of(row, row["proposal__lead_organisation__kind"])
                if row["proposal_id"] in self.public
                else []
            ),
            "stage": row["stage"],
        }
