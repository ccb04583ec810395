"""Offerings: published ones, found by their providers' names too."""

from __future__ import annotations

from marketplace.models import Offering
from partners.models import Organisation

from ..models import EntryKind
from .base import RowReader, grouped, related_slugs, sorted_unique
from .entry import SEARCH_CONFIGS


def _ordering(prefix: str, model) -> list[str]:
    """A related model's default ordering, seen from a through table."""
    return [
        f"-{prefix}__{name[1:]}" if name.startswith("-") else f"{prefix}__{name}"
        for name in model._meta.ordering
    ]


class Offerings(RowReader):
    kind = EntryKind.OFFERING
    model = Offering
    columns = ("slug", "languages", "cities", "created_at")
    url_key = "slug"

    def queryset(self):
        return Offering.objects.published()

    def load(self, rows: list[dict]) -> None:
        ids = [row["pk"] for row in rows]
        self.providers = grouped(
            Offering.providers.through.objects.filter(offering_id__in=ids)
            .order_by("offering_id", *_ordering("organisation", Organisation), "organisation_id")
            .values_list("offering_id", "organisation__name", "organisation__kind")
        )
        self.customer_groups = related_slugs(Offering.customer_groups, ids)
        self.themes = related_slugs(Offering.themes, ids)

    def language(self, row: dict) -> str:
        # Without a language of its own, an offering given in one language is written in it.
        codes = [code for code in (row["languages"] or []) if code in SEARCH_CONFIGS]
        return codes[0] if len(codes) == 1 else ""

    def shared(self, row: dict) -> str:
        return " ".join(name for name, _kind in self.providers.get(row["pk"], []))

    def fields(self, row: dict) -> dict:
        pk = row["pk"]
        return {
            "date": row["created_at"],
            "customer_groups": sorted_unique(self.customer_groups.get(pk, [])),
            "themes": sorted_unique(self.themes.get(pk, [])),
            "cities": sorted_unique(row["cities"] or []),
            "organisation_kinds": sorted_unique(kind for _name, kind in self.providers.get(pk, [])),
        }
