"""What both engines share: the text weights, the phase rules, the sorts, the hit built from
an entry's stored fields, and the batches of a rebuild. Each engine renders these in its own
query language (SQL, the ORM, Elasticsearch's DSL)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils import translation

from cms.phases import Phase

from ..documents import SEARCH_CONFIGS, EntryData
from ..documents.base import chunks
from ..query import CatalogueQuery, Hit, Sort, marked_to_html

# The weight of each part of a text version: title 1.0, summary 0.4, body 0.2.
TEXT_WEIGHTS = {"title": 5, "summary": 2, "body": 1}
TEXT_PARTS = tuple(TEXT_WEIGHTS)


def display_language(query: CatalogueQuery) -> str:
    """The language the hits are shown in: the query's, else the active one."""
    return query.language or translation.get_language() or "fi"


# --- The stage of a challenge ------------------------------------------------------------


@dataclass(frozen=True)
class PhaseRule:
    """A challenge is in `phase` while the clock is before its `before` and every field of
    `scheduled` is set."""

    phase: Phase
    before: str
    scheduled: tuple[str, ...] = ()


# cms.phases.phase_at, in its order: the first rule that holds names the phase; none, closed.
PHASE_RULES = (
    PhaseRule(Phase.UPCOMING, "proposals_open"),
    PhaseRule(Phase.PROPOSALS, "proposals_close"),
    PhaseRule(Phase.VOTING, "voting_close", scheduled=("voting_open", "voting_close")),
    PhaseRule(Phase.EVALUATION, "evaluation_end"),
    PhaseRule(Phase.PILOTING, "pilots_end"),
)


# --- Sorts -------------------------------------------------------------------------------


def sort_keys(sort: str) -> list[tuple[str, str]]:
    """A sort as (key, "asc" | "desc"): keys `rank`, `date`, `vote_count`, `sort_title`, then
    the tie, by kind and newest id."""
    tie = [("kind", "asc"), ("object_id", "desc")]
    if sort == Sort.RELEVANCE:
        return [("rank", "desc"), ("date", "desc"), *tie]
    if sort == Sort.VOTES:
        return [("vote_count", "desc"), ("date", "desc"), *tie]
    if sort == Sort.TITLE:
        return [("sort_title", "asc"), *tie]
    return [("date", "desc"), *tie]


def sort_title_field(language: str) -> str:
    """The stored sort title of the language the hits are shown in."""
    return f"sort_title_{language}" if language in SEARCH_CONFIGS else "sort_title_fi"


# --- Hits --------------------------------------------------------------------------------


def text_version(texts: list[dict], language: str) -> dict:
    """The stored text version in the language asked, else the original."""
    return next((t for t in texts if t.get("language") == language), None) or (
        texts[0] if texts else {}
    )


def stored_hit(
    stored: Mapping, version: Mapping, *, url: str, highlight: str, stage: str | None
) -> Hit:
    """A hit from an entry's stored fields and the text version shown."""
    return Hit(
        kind=stored.get("kind", ""),
        id=int(stored.get("object_id", 0)),
        title=version.get("title", ""),
        summary=version.get("summary", ""),
        url=url,
        highlight=marked_to_html(highlight) if highlight else "",
        customer_groups=list(stored.get("customer_groups") or []),
        themes=list(stored.get("themes") or []),
        stage=stage,
        cities=list(stored.get("cities") or []),
        year=int(stored.get("year") or 0),
        vote_count=int(stored.get("vote_count") or 0),
        language=stored.get("language", ""),
        organisation_kinds=list(stored.get("organisation_kinds") or []),
    )


# --- Rebuilds ----------------------------------------------------------------------------


def in_batches(
    entries: Iterable[EntryData],
    batch_size: int,
    write: Callable[[list[EntryData]], object],
    progress: Callable[[int], object] | None = None,
) -> dict[str, int]:
    """Give the entries to `write` a batch at a time, telling `progress` each batch's size;
    answers how many entries of each kind there were."""
    counts: dict[str, int] = {}
    for batch in chunks(entries, batch_size):
        for entry in batch:
            counts[entry.kind] = counts.get(entry.kind, 0) + 1
        write(batch)
        if progress:
            progress(len(batch))
    return counts
