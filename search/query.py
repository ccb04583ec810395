"""The catalogue's interface: one query object in, one result object out, whatever the engine."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from cms.phases import Phase
from ideas.models import ProposalStatus
from marketplace.models import PilotStage
from partners.models import City, Organisation

from .models import EntryKind

# Facet names in the order the page and the API show them.
FACETS = ("kind", "customer_group", "theme", "stage", "organisation_kind", "city", "year")
# Facets with several values per entry: rows in CatalogueFacetValue (DB) / keyword arrays (ES).
MULTI_VALUED = ("customer_group", "theme", "organisation_kind", "city")
# Entry attribute (and ES field) holding each multi-valued facet.
MULTI_FIELD = {
    "customer_group": "customer_groups",
    "theme": "themes",
    "organisation_kind": "organisation_kinds",
    "city": "cities",
}

FACET_LABELS = {
    "kind": _("Type"),
    "customer_group": _("Customer group"),
    "theme": _("Theme"),
    "stage": _("Stage or status"),
    "organisation_kind": _("Organisation type"),
    "city": _("City"),
    "year": _("Year"),
}

# Proposal statuses shown in the catalogue (draft and withdrawn are never public).
PUBLIC_PROPOSAL_STATUSES = [
    s for s in ProposalStatus if s not in (ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN)
]
# Every value the stage facet can take: challenge phases, proposal statuses, pilot stages.
STAGE_LABELS: dict[str, Any] = {
    **{p.value: p.label for p in Phase},
    **{s.value: s.label for s in PUBLIC_PROPOSAL_STATUSES},
    **{s.value: s.label for s in PilotStage},
}
KIND_LABELS = {k.value: k.label for k in EntryKind}
ORGANISATION_KIND_LABELS = {k.value: k.label for k in Organisation.Kind}
CITY_LABELS = {c.value: c.label for c in City}


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    VOTES = "votes"
    TITLE = "title"

    CHOICES = [
        (RELEVANCE, _("Relevance")),
        (NEWEST, _("Newest first")),
        (VOTES, _("Most votes")),
        (TITLE, _("Title A–Ö")),
    ]


DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# The deepest offset an engine is asked for. A page number may be any size, but SQL's OFFSET is
# a 64-bit integer; no catalogue holds this many entries, so a page past it is past the end.
MAX_OFFSET = 2**31 - 1

# Highlight markers: private-use characters stripped from indexed text, turned into <mark>
# after the text has been HTML-escaped.
MARK_START = "\ue000"
MARK_END = "\ue001"
_MARKERS = re.compile(f"[{MARK_START}{MARK_END}]")


def strip_markers(text: str) -> str:
    return _MARKERS.sub("", text or "")


def marked_to_html(text: str) -> SafeString:
    """Escape highlighted text and turn the engine's markers into <mark> tags (nothing else)."""
    escaped = html.escape(text or "", quote=True)
    opened = False
    out = []
    for char in escaped:
        if char == MARK_START and not opened:
            out.append("<mark>")
            opened = True
        elif char == MARK_END and opened:
            out.append("</mark>")
            opened = False
        elif char not in (MARK_START, MARK_END):
            out.append(char)
    if opened:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - escaped above, only <mark> added


_WORD = re.compile(r"[^\W_]+")


def terms(text: str) -> list[str]:
    """The words of a query: every engine matches all of them (AND), punctuation ignored."""
    return _WORD.findall((text or "").lower())[:32]


@dataclass
class CatalogueQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = ""
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    user: Any = None
    language: str = ""  # display language; the active language when empty

    def __post_init__(self):
        self.text = (self.text or "").strip()
        self.filters = {
            f: [str(v) for v in vals]
            for f, vals in (self.filters or {}).items()
            if vals and f in FACETS
        }
        if self.sort not in dict(Sort.CHOICES):
            self.sort = Sort.RELEVANCE if self.has_text else Sort.NEWEST
        if self.sort == Sort.RELEVANCE and not self.has_text:
            self.sort = Sort.NEWEST
        self.page = max(1, int(self.page or 1))
        self.page_size = min(MAX_PAGE_SIZE, max(1, int(self.page_size or DEFAULT_PAGE_SIZE)))

    @property
    def has_text(self) -> bool:
        return bool(terms(self.text))

    @property
    def offset(self) -> int:
        return min((self.page - 1) * self.page_size, MAX_OFFSET)


@dataclass
class Hit:
    kind: str
    id: int
    title: str
    summary: str
    url: str
    highlight: SafeString | str
    customer_groups: list[str]
    themes: list[str]
    stage: str | None
    cities: list[str]
    year: int
    vote_count: int
    language: str = ""
    organisation_kinds: list[str] = field(default_factory=list)
    # Read from the hit's object after the search (`search.hit_images`), not from the index.
    image: Any = None
    image_alt: str = ""

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def stage_label(self):
        return STAGE_LABELS.get(self.stage, self.stage) if self.stage else ""

    def as_dict(self) -> dict:
        """The API's hit object (API.md "Catalogue")."""
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "url": self.url,
            "highlight": str(self.highlight),
            "customer_groups": list(self.customer_groups),
            "themes": list(self.themes),
            "stage": self.stage or None,
            "cities": list(self.cities),
            "year": self.year,
            "vote_count": self.vote_count,
        }


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool

    def as_dict(self) -> dict:
        return {
            "value": self.value,
            "label": str(self.label),
            "count": self.count,
            "selected": self.selected,
        }


@dataclass
class CatalogueResult:
    query: CatalogueQuery
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]
    engine: str = "database"

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.query.page_size))

    @property
    def page_out_of_range(self) -> bool:
        return self.query.page > self.num_pages

    def facet_counts(self, facet: str) -> dict[str, int]:
        return {v.value: v.count for v in self.facets.get(facet, [])}

    def facets_as_dict(self) -> dict:
        return {name: [v.as_dict() for v in values] for name, values in self.facets.items()}
