"""Documents: what the catalogue knows about each public object (no engine, no request).

`build(kind, object_id)` answers an `EntryData` for a public object, or None when the object
is missing or must not be found (a confidential proposal, an unpublished offering…).
`iter_all()` yields every public object's entry for a rebuild, with few queries.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from django.utils.html import strip_tags
from wagtail.models import Locale

from cms.models import ChallengePage
from ideas.models import Proposal, TeamMember
from marketplace.models import Offering, Pilot

from .models import EntryKind
from .query import strip_markers

HELSINKI = ZoneInfo("Europe/Helsinki")
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
SEARCH_CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}
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


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", strip_markers(strip_tags(text or ""))).strip()


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

    def fingerprint(self) -> str:
        """Everything but the vote count: votes update that column alone (`set_vote_count`),
        and `search_index --check` compares it separately."""
        data = asdict(self)
        del data["vote_count"]
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _sorted_unique(values) -> list[str]:
    return sorted({str(v) for v in values if v})


def _urls(obj) -> dict[str, str]:
    urls = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            try:
                urls[code] = obj.get_absolute_url()
            except NoReverseMatch:
                urls[code] = ""
    return urls


def _as_datetime(value: date | datetime | None) -> datetime:
    if value is None:
        return timezone.now()
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time.min, tzinfo=HELSINKI)


# --- Offerings ---------------------------------------------------------------------------


def offering_queryset():
    return Offering.objects.published().prefetch_related("providers", "customer_groups", "themes")


def offering_entry(offering: Offering) -> EntryData:
    languages = [lang for lang in (offering.languages or []) if lang in SEARCH_CONFIGS]
    language = languages[0] if len(languages) == 1 else ""
    providers = list(offering.providers.all())
    body = " ".join([offering.description, *(p.name for p in providers)])
    return EntryData(
        kind=EntryKind.OFFERING,
        object_id=offering.pk,
        language=language,
        texts=[
            TextVersion(language, _clean(offering.title), _clean(offering.summary), _clean(body))
        ],
        urls=_urls(offering),
        date=offering.created_at,
        customer_groups=_sorted_unique(g.slug for g in offering.customer_groups.all()),
        themes=_sorted_unique(t.slug for t in offering.themes.all()),
        cities=_sorted_unique(offering.cities or []),
        organisation_kinds=_sorted_unique(p.kind for p in providers),
    )


# --- Proposals ---------------------------------------------------------------------------


def proposal_queryset():
    return (
        Proposal.objects.public()
        .select_related("lead_organisation", "challenge")
        .prefetch_related(
            "customer_groups",
            "challenge__themes",
            Prefetch("team", queryset=TeamMember.objects.select_related("organisation")),
        )
    )


def _team_kinds(proposal: Proposal) -> list[str]:
    kinds = [m.organisation.kind for m in proposal.team.all() if m.organisation_id]
    if proposal.lead_organisation_id:
        kinds.append(proposal.lead_organisation.kind)
    return _sorted_unique(kinds)


def proposal_entry(proposal: Proposal) -> EntryData:
    lead = proposal.lead_organisation
    body = " ".join([proposal.body, lead.name if lead else ""])
    return EntryData(
        kind=EntryKind.PROPOSAL,
        object_id=proposal.pk,
        language=proposal.language or "",
        texts=[
            TextVersion(
                proposal.language or "",
                _clean(proposal.title),
                _clean(proposal.summary),
                _clean(body),
            )
        ],
        urls=_urls(proposal),
        date=proposal.submitted_at or proposal.created_at,
        customer_groups=_sorted_unique(g.slug for g in proposal.customer_groups.all()),
        themes=_sorted_unique(t.slug for t in proposal.challenge.themes.all()),
        organisation_kinds=_team_kinds(proposal),
        stage=proposal.status,
        vote_count=proposal.vote_count,
    )


# --- Pilots ------------------------------------------------------------------------------


def pilot_queryset():
    return (
        Pilot.objects.published()
        .select_related("proposal__challenge", "proposal__lead_organisation")
        .prefetch_related(
            "proposal__customer_groups",
            "proposal__challenge__themes",
            Prefetch("proposal__team", queryset=TeamMember.objects.select_related("organisation")),
        )
    )


def pilot_entry(pilot: Pilot, public_proposal_ids: set[int] | None = None) -> EntryData:
    proposal = pilot.proposal
    if public_proposal_ids is None:
        proposal_public = Proposal.objects.public().filter(pk=proposal.pk).exists()
    else:
        proposal_public = proposal.pk in public_proposal_ids
    return EntryData(
        kind=EntryKind.PILOT,
        object_id=pilot.pk,
        language=proposal.language or "",
        texts=[
            TextVersion(
                proposal.language or "",
                _clean(pilot.title),
                _clean(pilot.public_summary),
                _clean(pilot.venue),
            )
        ],
        urls=_urls(pilot),
        date=_as_datetime(pilot.start_date),
        customer_groups=_sorted_unique(g.slug for g in proposal.customer_groups.all()),
        themes=_sorted_unique(t.slug for t in proposal.challenge.themes.all()),
        # A confidential proposal's team is not told, not even as organisation types.
        organisation_kinds=_team_kinds(proposal) if proposal_public else [],
        stage=pilot.stage,
    )


# --- Challenges --------------------------------------------------------------------------


def challenge_queryset():
    return (
        ChallengePage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related("customer_groups", "themes")
    )


def _stream_text(page: ChallengePage) -> str:
    try:
        parts = page.body.stream_block.get_searchable_content(page.body)
    except Exception:  # noqa: BLE001 - a block that cannot give text must not stop indexing
        parts = []
    return " ".join(str(p) for p in parts)


def canonical_challenge(pages: list[ChallengePage]) -> ChallengePage | None:
    """The entry's page in a translation group: the default-locale original when live, else
    the oldest live translation."""
    if not pages:
        return None
    default = Locale.get_default().pk
    originals = [p for p in pages if p.locale_id == default]
    return originals[0] if originals else min(pages, key=lambda p: p.pk)


def challenge_entry(pages: list[ChallengePage]) -> EntryData | None:
    """The entry of a translation group of live, public challenge pages."""
    original = canonical_challenge(pages)
    if original is None:
        return None
    by_language = {p.locale.language_code: p for p in pages}
    ordered = [original] + [
        by_language[c] for c in LANGUAGE_CODES if c in by_language and by_language[c] != original
    ]
    texts = [
        TextVersion(
            p.locale.language_code,
            _clean(p.title),
            _clean(p.summary),
            _clean(" ".join([p.owner_unit, _stream_text(p)])),
        )
        for p in ordered
    ]
    urls = {}
    for code in LANGUAGE_CODES:
        page = by_language.get(code, original)
        urls[code] = page.get_url() or ""
    return EntryData(
        kind=EntryKind.CHALLENGE,
        object_id=original.pk,
        language=original.locale.language_code,
        texts=texts,
        urls=urls,
        date=original.proposals_open,
        customer_groups=_sorted_unique(g.slug for g in original.customer_groups.all()),
        themes=_sorted_unique(t.slug for t in original.themes.all()),
        schedule={name: getattr(original, name) for name in SCHEDULE_FIELDS},
    )


def challenge_group(page) -> tuple[list[int], list[ChallengePage]]:
    """Every page id of a challenge's translation group, and its live public pages."""
    ids = list(
        ChallengePage.objects.filter(translation_key=page.translation_key).values_list(
            "pk", flat=True
        )
    )
    live = list(challenge_queryset().filter(translation_key=page.translation_key))
    return ids, live


# --- One object, every object ------------------------------------------------------------


def build(kind: str, object_id: int) -> EntryData | None:
    if kind == EntryKind.OFFERING:
        obj = offering_queryset().filter(pk=object_id).first()
        return offering_entry(obj) if obj else None
    if kind == EntryKind.PROPOSAL:
        obj = proposal_queryset().filter(pk=object_id).first()
        return proposal_entry(obj) if obj else None
    if kind == EntryKind.PILOT:
        obj = pilot_queryset().filter(pk=object_id).first()
        return pilot_entry(obj) if obj else None
    if kind == EntryKind.CHALLENGE:
        page = ChallengePage.objects.filter(pk=object_id).first()
        if page is None:
            return None
        _ids, live = challenge_group(page)
        entry = challenge_entry(live)
        return entry if entry and entry.object_id == object_id else None
    raise ValueError(f"unknown catalogue kind {kind!r}")


def count_all() -> int:
    challenge_groups = challenge_queryset().values("translation_key").distinct().count()
    return (
        offering_queryset().count()
        + pilot_queryset().count()
        + proposal_queryset().count()
        + challenge_groups
    )


def iter_all(chunk_size: int = 500) -> Iterator[EntryData]:
    for offering in offering_queryset().iterator(chunk_size=chunk_size):
        yield offering_entry(offering)
    for proposal in proposal_queryset().iterator(chunk_size=chunk_size):
        yield proposal_entry(proposal)
    public_ids = set(Proposal.objects.public().values_list("pk", flat=True))
    for pilot in pilot_queryset().iterator(chunk_size=chunk_size):
        yield pilot_entry(pilot, public_ids)
    groups: dict = {}
    for page in challenge_queryset().order_by("pk"):
        groups.setdefault(page.translation_key, []).append(page)
    for pages in groups.values():
        entry = challenge_entry(pages)
        if entry:
            yield entry
