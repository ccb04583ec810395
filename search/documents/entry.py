"""What an entry holds: `EntryData`, its text versions, and the constants every engine reads."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

HELSINKI = ZoneInfo("Europe/Helsinki")
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
SEARCH_CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}
# Bumped whenever the way entries are indexed changes: every fingerprint changes with it, so
# `search_index --check` reports the whole index stale until `search_index --rebuild`.
INDEX_VERSION = 2
SCHEDULE_FIELDS = (
    "proposals_open",
    "proposals_close",
    "voting_open",
    "voting_close",
    "evaluation_end",
    "pilots_end",
)


def search_config(language: str) -> str:
    return SEARCH_CONFIGS.get(language or "", "simple")


@dataclass
class TextVersion:
    language: str
    title: str
    summary: str
    body: str


@dataclass
class EntryData:
    kind: str
    object_id: int
    language: str
    texts: list[TextVersion]
    urls: dict[str, str]
    date: datetime
    customer_groups: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    organisation_kinds: list[str] = field(default_factory=list)
    stage: str = ""
    schedule: dict[str, datetime | None] = field(default_factory=dict)
    vote_count: int = 0
    # {language: names of the entry's customer groups and themes in it}: searched, not shown.
    labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.kind = getattr(self.kind, "value", self.kind)
        self.stage = getattr(self.stage, "value", self.stage) or ""

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.object_id)

    @property
    def original(self) -> TextVersion:
        return self.texts[0]

    @property
    def year(self) -> int:
        return timezone.localtime(self.date, HELSINKI).year

    @property
    def search_config(self) -> str:
        return search_config(self.language)

    def text_in(self, language: str) -> TextVersion:
        for version in self.texts:
            if version.language == language:
                return version
        return self.original

    def sort_title(self, language: str) -> str:
        return self.text_in(language).title.casefold()[:255]

    def joined(self, part: str) -> str:
        return "\n".join(getattr(v, part) for v in self.texts if getattr(v, part))

    def stored_as_is(self) -> dict:
        """The fields every engine stores unchanged: language versions, URLs, sort titles,
        facets, year, vote count and fingerprint."""
        return {
            "texts": [
                {"language": v.language, "title": v.title, "summary": v.summary} for v in self.texts
            ],
            "urls": self.urls,
            **{
                f"sort_title_{language}": self.sort_title(language)
                for language in ("fi", "sv", "en")
            },
            "customer_groups": self.customer_groups,
            "themes": self.themes,
            "cities": self.cities,
            "organisation_kinds": self.organisation_kinds,
            "year": self.year,
            "vote_count": self.vote_count,
            "fingerprint": self.fingerprint(),
        }

    def fingerprint(self) -> str:
        """sha256 of the entry as JSON, all but the vote count: votes update that column alone
        (`set_vote_counts`), and `search_index --check` compares it separately. Built without
        `dataclasses.asdict`'s deep copies (a tenth of the time)."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "vote_count"}
        data["texts"] = [vars(v) for v in self.texts]
        data["index_version"] = INDEX_VERSION
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
