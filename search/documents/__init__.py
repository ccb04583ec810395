"""Documents: what the catalogue knows about each public object (no engine, no request).

`build(kind, object_id)` answers an `EntryData` for a public object, or None when the object
is missing or must not be found (a confidential proposal, an unpublished offering…).
`iter_all()` yields every public object's entry for a rebuild, with few queries.

    entry.py       EntryData, TextVersion, the constants engines read
    texts.py       language versions, text columns, customer group and theme names
    base.py        addresses, chunked reading, shared related values, the row reader
    offerings.py, proposals.py, pilots.py, challenges.py: what each kind reads
"""

from __future__ import annotations

from collections.abc import Iterator

from ..models import EntryKind
from .challenges import (
    Challenges,
    canonical_challenge,
    challenge_entry,
    challenge_group,
    challenge_queryset,
)
from .entry import (
    INDEX_VERSION,
    LANGUAGE_CODES,
    SCHEDULE_FIELDS,
    SEARCH_CONFIGS,
    EntryData,
    TextVersion,
    search_config,
)
from .offerings import Offerings
from .pilots import Pilots
from .proposals import Proposals
from .texts import TEXT_FIELDS, SnippetNames, language_versions, text_columns

__all__ = [
    "INDEX_VERSION",
    "LANGUAGE_CODES",
    "READERS",
    "SCHEDULE_FIELDS",
    "SEARCH_CONFIGS",
    "TEXT_FIELDS",
    "EntryData",
    "SnippetNames",
    "TextVersion",
    "build",
    "canonical_challenge",
    "challenge_entry",
    "challenge_group",
    "challenge_queryset",
    "count_all",
    "iter_all",
    "language_versions",
    "search_config",
    "text_columns",
]

# Every kind's reader, in the order a rebuild writes them.
READERS = {
    EntryKind.OFFERING: Offerings,
    EntryKind.PROPOSAL: Proposals,
    EntryKind.PILOT: Pilots,
    EntryKind.CHALLENGE: Challenges,
}


def build(kind: str, object_id: int) -> EntryData | None:
    if kind not in READERS:
        raise ValueError(f"unknown catalogue kind {kind!r}")
    return READERS[kind]().build(object_id)


def count_all() -> int:
    return sum(reader().count() for reader in READERS.values())


def iter_all() -> Iterator[EntryData]:
    names = SnippetNames()
    for reader in READERS.values():
        yield from reader().entries(names=names)
