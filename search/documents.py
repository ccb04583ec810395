"""Documents: what the catalogue knows about each public object (no engine, no request).

`build(kind, object_id)` answers an `EntryData` for a public object, or None when the object
is missing or must not be found (a confidential proposal, an unpublished offering…).
`iter_all()` yields every public object's entry for a rebuild, with few queries.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from django.utils.html import strip_tags
from wagtail.models import Locale

from cms.localize import item_slug, item_slugs
from cms.models import ChallengePage, CustomerGroup, Theme
from ideas.models import Proposal, TeamMember
from marketplace.models import Offering, Pilot
from partners.models import Organisation

from .models import EntryKind
from .query import strip_markers

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


def _sorted_unique(values) -> list[str]:
    return sorted({str(v) for v in values if v})


def _get_absolute_url(obj, language: str) -> str:
    with translation.override(language):
        try:
            return obj.get_absolute_url()
        except NoReverseMatch:
            return ""


class Urls:
    """An object's page in every interface language, from its key (pk or slug).

    `get_absolute_url()` is asked once per language, of a stand-in object whose key is a
    marker; each object's address is that answer with its key in place of the marker, which is
    exactly what its own `get_absolute_url()` answers. A key that `reverse()` would quote or
    refuse (a slug outside [-a-zA-Z0-9_]) asks the object itself."""

    MARKER_ID = 987654321987654321
    MARKER_SLUG = "tori-url-marker-7f3a"
    SLUG = re.compile(r"[-a-zA-Z0-9_]+")

    def __init__(self, model, field: str = "pk"):
        self.model, self.field = model, field
        marker = str(self.MARKER_ID if field == "pk" else self.MARKER_SLUG)
        self.templates: dict[str, list[str] | None] = {}
        for code in LANGUAGE_CODES:
            parts = _get_absolute_url(model(**{field: marker}), code).split(marker)
            self.templates[code] = parts if len(parts) == 2 else None

    def __call__(self, key) -> dict[str, str]:
        text = str(key)
        plain = text.isdigit() if self.field == "pk" else bool(self.SLUG.fullmatch(text))
        urls = {}
        for code, parts in self.templates.items():
            if plain and parts is not None:
                urls[code] = parts[0] + text + parts[1]
            else:
                urls[code] = _get_absolute_url(self.model(**{self.field: key}), code)
        return urls


def _as_datetime(value: date | datetime | None) -> datetime:
    if value is None:
        return timezone.now()
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time.min, tzinfo=HELSINKI)


# --- Language versions -------------------------------------------------------------------
# An entry's text in every language it has, each version analysed with its language's
# stemmer by every engine. Every builder goes through `language_versions()`: the original
# (the object's own fields, in its `language`) and its translations in the scheme
# `{language: {field: text}}` — a model's `translations` JSON field, read with the text
# fields whenever the model has one (`text_columns`), or a challenge's translated pages.

# The model fields an entry's title, summary and body are made of.
TEXT_FIELDS: dict[type, dict[str, tuple[str, ...]]] = {
    Offering: {"title": ("title",), "summary": ("summary",), "body": ("description",)},
    Proposal: {"title": ("title",), "summary": ("summary",), "body": ("body",)},
    Pilot: {"title": ("title",), "summary": ("public_summary",), "body": ("venue",)},
    ChallengePage: {"title": ("title",), "summary": ("summary",), "body": ("owner_unit", "body")},
}


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def text_columns(model) -> list[str]:
    """The columns a builder reads for `language_versions`: the text fields, the original
    `language` and the `translations` when the model has them."""
    columns = [name for names in TEXT_FIELDS[model].values() for name in names]
    return columns + [n for n in ("language", "translations") if _has_field(model, n)]


class SnippetNames:
    """Names of customer groups and themes in every language, by slug: two queries, once per
    builder run. An entry is found by the names of its customer groups and themes in every
    language they are translated into (`EntryData.labels`), each stemmed in its language."""

    MODELS = {"customer_groups": CustomerGroup, "themes": Theme}

    def __init__(self):
        self._names: dict[str, dict[str, dict[str, str]]] | None = None

    def _load(self) -> dict[str, dict[str, dict[str, str]]]:
        names: dict[str, dict[str, dict[str, str]]] = {}
        for facet, model in self.MODELS.items():
            by_slug = names[facet] = {}
            for slug, name, code in (
                model.objects.order_by("pk")
                .annotate(item=item_slug(model))
                .values_list("item", "name", "locale__language_code")
            ):
                by_slug.setdefault(slug, {})[code] = name
        return names

    def labels(self, facets: Mapping[str, list[str]]) -> dict[str, str]:
        """{language: the names of these customer groups and themes in it}."""
        if self._names is None:
            self._names = self._load()
        found: dict[str, list[str]] = {}
        for facet, slugs in facets.items():
            for slug in slugs:
                for code, name in self._names[facet].get(slug, {}).items():
                    if code in LANGUAGE_CODES:
                        found.setdefault(code, []).append(name)
        return {code: _clean(" ".join(found[code])) for code in LANGUAGE_CODES if code in found}


def _labelled(entry: EntryData, names: SnippetNames) -> EntryData:
    entry.labels = names.labels({"customer_groups": entry.customer_groups, "themes": entry.themes})
    return entry


def language_versions(
    model,
    row: Mapping[str, object],
    *,
    language: str = "",
    translations: Mapping[str, Mapping[str, object]] | None = None,
    shared: str = "",
) -> list[TextVersion]:
    """The entry's text versions, the original first, then one per language it is translated
    into (in LANGUAGES order). `row` holds the object's `text_columns`; its `language`, when
    the model has one, wins over the builder's `language`. `translations` (or the row's own)
    maps a language to translated fields; a field a translation lacks shows the original's
    title or summary and adds no body. `shared` text (organisation names, which no language
    owns) goes in every version's body."""
    parts = TEXT_FIELDS[model]
    original_language = str(row.get("language") or language or "")
    translated = translations if translations is not None else row.get("translations")
    given: dict[str, Mapping[str, object]] = {original_language: row}
    for code in LANGUAGE_CODES:
        fields_ = (translated or {}).get(code) if isinstance(translated, Mapping) else None
        if code != original_language and isinstance(fields_, Mapping) and fields_:
            given[code] = fields_

    def text(source, part: str) -> str:
        return _clean(" ".join(str(source.get(name) or "") for name in parts[part]))

    shared = _clean(shared)
    original: dict[str, str] = {}
    versions = []
    for code, source in given.items():
        own = {part: text(source, part) for part in parts}
        original = original or own
        if not (own["title"] or own["summary"] or own["body"]):
            continue
        versions.append(
            TextVersion(
                code,
                own["title"] or original["title"],
                own["summary"] or original["summary"],
                " ".join(t for t in (own["body"], shared) if t),
            )
        )
    return versions or [TextVersion(original_language, "", "", shared)]


# Offerings, proposals and pilots are read as plain rows in chunks, their related values
# (providers, customer groups, themes, team organisations) one query per relation and
# chunk: `build()` and `iter_all()` share these readers, so an entry written for one object
# is exactly the entry a rebuild writes (`search_index --check` compares fingerprints).

CHUNK_SIZE = 2000


def _chunks(rows, size: int = CHUNK_SIZE):
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _grouped(pairs) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for key, *value in pairs:
        grouped.setdefault(key, []).append(value[0] if len(value) == 1 else tuple(value))
    return grouped


def _ordering(prefix: str, model) -> list[str]:
    """A related model's default ordering, seen from a through table."""
    return [
        f"-{prefix}__{name[1:]}" if name.startswith("-") else f"{prefix}__{name}"
        for name in model._meta.ordering
    ]


class _ChallengeThemes(dict):
    """Theme slugs of challenge pages, read once per page."""

    def of(self, challenge_ids) -> None:
        missing = {i for i in challenge_ids if i not in self}
        if not missing:
            return
        grouped = _slugs(ChallengePage.themes.through, "challengepage", "theme", missing)
        for challenge_id in missing:
            self[challenge_id] = _sorted_unique(grouped.get(challenge_id, []))


def _slugs(through, owner: str, related: str, ids) -> dict[int, list]:
    """Item slugs of a many-to-many relation's targets, by owner id: one query. A customer
    group or theme counts as one facet value whichever language copy is tagged (the slug of
    its copy in the default language)."""
    target = through._meta.get_field(related).related_model
    return _grouped(
        through.objects.filter(**{f"{owner}_id__in": ids})
        .annotate(item=item_slug(target, f"{related}__"))
        .values_list(f"{owner}_id", "item")
    )


def _customer_groups(through, owner: str, ids) -> dict[int, list]:
    return _slugs(through, owner, "customergroup", ids)


def _team_kinds(proposal_ids) -> dict[int, list]:
    """Kinds of the team members' organisations (the lead's is added by the caller)."""
    return _grouped(
        TeamMember.objects.filter(proposal_id__in=proposal_ids, organisation__isnull=False)
        .values_list("proposal_id", "organisation__kind")
        .order_by()
    )


# --- Offerings ---------------------------------------------------------------------------


def offering_queryset():
    return Offering.objects.published()


def _split(rows, columns: list[str], texts: list[str]):
    """Rows of `columns + texts` as (the first values, a dict of the text columns)."""
    n = len(columns)
    for row in rows:
        yield (*row[:n], dict(zip(texts, row[n:], strict=True)))


def offering_entries(queryset=None, names: SnippetNames | None = None) -> Iterator[EntryData]:
    queryset = offering_queryset() if queryset is None else queryset
    names = names or SnippetNames()
    urls = Urls(Offering, "slug")
    columns = ["pk", "slug", "languages", "cities", "created_at"]
    texts = text_columns(Offering)
    rows = _split(
        queryset.order_by("pk").values_list(*columns, *texts).iterator(chunk_size=CHUNK_SIZE),
        columns,
        texts,
    )
    for chunk in _chunks(rows):
        ids = [row[0] for row in chunk]
        providers = _grouped(
            Offering.providers.through.objects.filter(offering_id__in=ids)
            .order_by("offering_id", *_ordering("organisation", Organisation), "organisation_id")
            .values_list("offering_id", "organisation__name", "organisation__kind")
        )
        groups = _customer_groups(Offering.customer_groups.through, "offering", ids)
        themes = _slugs(Offering.themes.through, "offering", "theme", ids)
        for pk, slug, languages, cities, created_at, text in chunk:
            # Without a language of its own, an offering given in one language is written in it.
            codes = [lang for lang in (languages or []) if lang in SEARCH_CONFIGS]
            names_kinds = providers.get(pk, [])
            versions = language_versions(
                Offering,
                text,
                language=codes[0] if len(codes) == 1 else "",
                shared=" ".join(name for name, _kind in names_kinds),
            )
            entry = EntryData(
                kind=EntryKind.OFFERING,
                object_id=pk,
                language=versions[0].language,
                texts=versions,
                urls=urls(slug),
                date=created_at,
                customer_groups=_sorted_unique(groups.get(pk, [])),
                themes=_sorted_unique(themes.get(pk, [])),
                cities=_sorted_unique(cities or []),
                organisation_kinds=_sorted_unique(kind for _name, kind in names_kinds),
            )
            yield _labelled(entry, names)


# --- Proposals ---------------------------------------------------------------------------


def proposal_queryset():
    return Proposal.objects.public()


def proposal_entries(queryset=None, names: SnippetNames | None = None) -> Iterator[EntryData]:
    queryset = proposal_queryset() if queryset is None else queryset
    names = names or SnippetNames()
    urls = Urls(Proposal)
    challenge_themes = _ChallengeThemes()
    texts = text_columns(Proposal)
    columns = [
        "pk",
        "lead_organisation__name",
        "lead_organisation__kind",
        "challenge_id",
        "submitted_at",
        "created_at",
        "status",
        "vote_count",
    ]
    rows = _split(
        queryset.order_by("pk").values_list(*columns, *texts).iterator(chunk_size=CHUNK_SIZE),
        columns,
        texts,
    )
    for chunk in _chunks(rows):
        ids = [row[0] for row in chunk]
        groups = _customer_groups(Proposal.customer_groups.through, "proposal", ids)
        team = _team_kinds(ids)
        challenge_themes.of({row[3] for row in chunk})
        for (
            pk,
            lead_name,
            lead_kind,
            challenge_id,
            submitted_at,
            created_at,
            status,
            vote_count,
            text,
        ) in chunk:
            versions = language_versions(
                Proposal,
                text,
                shared=lead_name or "",
            )
            entry = EntryData(
                kind=EntryKind.PROPOSAL,
                object_id=pk,
                language=versions[0].language,
                texts=versions,
                urls=urls(pk),
                date=submitted_at or created_at,
                customer_groups=_sorted_unique(groups.get(pk, [])),
                themes=list(challenge_themes[challenge_id]),
                organisation_kinds=_sorted_unique([*team.get(pk, []), lead_kind]),
                stage=status,
                vote_count=vote_count,
            )
            yield _labelled(entry, names)


# --- Pilots ------------------------------------------------------------------------------


def pilot_queryset():
    return Pilot.objects.published()


def pilot_entries(queryset=None, names: SnippetNames | None = None) -> Iterator[EntryData]:
    queryset = pilot_queryset() if queryset is None else queryset
    names = names or SnippetNames()
    urls = Urls(Pilot)
    challenge_themes = _ChallengeThemes()
    texts = text_columns(Pilot)
    columns = [
        "pk",
        "start_date",
        "stage",
        "proposal_id",
        "proposal__language",
        "proposal__challenge_id",
        "proposal__lead_organisation__kind",
    ]
    rows = _split(
        queryset.order_by("pk").values_list(*columns, *texts).iterator(chunk_size=CHUNK_SIZE),
        columns,
        texts,
    )
    for chunk in _chunks(rows):
        proposal_ids = [row[3] for row in chunk]
        public = set(
            Proposal.objects.public().filter(pk__in=proposal_ids).values_list("pk", flat=True)
        )
        groups = _customer_groups(Proposal.customer_groups.through, "proposal", proposal_ids)
        team = _team_kinds(proposal_ids)
        challenge_themes.of({row[5] for row in chunk})
        for (
            pk,
            start_date,
            stage,
            proposal_id,
            language,
            challenge_id,
            lead_kind,
            text,
        ) in chunk:
            # Without a language of its own, a pilot is written in its proposal's.
            versions = language_versions(
                Pilot,
                text,
                language=language or "",
            )
            entry = EntryData(
                kind=EntryKind.PILOT,
                object_id=pk,
                language=versions[0].language,
                texts=versions,
                urls=urls(pk),
                date=_as_datetime(start_date),
                customer_groups=_sorted_unique(groups.get(proposal_id, [])),
                themes=list(challenge_themes[challenge_id]),
                # A confidential proposal's team is not told, not even as organisation types.
                organisation_kinds=(
                    _sorted_unique([*team.get(proposal_id, []), lead_kind])
                    if proposal_id in public
                    else []
                ),
                stage=stage,
            )
            yield _labelled(entry, names)


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


def _page_text(page: ChallengePage) -> dict[str, str]:
    return {
        "title": page.title,
        "summary": page.summary,
        "owner_unit": page.owner_unit,
        "body": _stream_text(page),
    }


def challenge_entry(
    pages: list[ChallengePage], names: SnippetNames | None = None
) -> EntryData | None:
    """The entry of a translation group of live, public challenge pages: the original page's
    text, and each translated page's as a translation."""
    original = canonical_challenge(pages)
    if original is None:
        return None
    by_language = {p.locale.language_code: p for p in pages}
    customer_groups = item_slugs(original.customer_groups.all())
    themes = item_slugs(original.themes.all())
    texts = language_versions(
        ChallengePage,
        _page_text(original),
        language=original.locale.language_code,
        translations={
            code: _page_text(page) for code, page in by_language.items() if page != original
        },
    )
    urls = {}
    for code in LANGUAGE_CODES:
        page = by_language.get(code, original)
        urls[code] = page.get_url() or ""
    entry = EntryData(
        kind=EntryKind.CHALLENGE,
        object_id=original.pk,
        language=original.locale.language_code,
        texts=texts,
        urls=urls,
        date=original.proposals_open,
        customer_groups=customer_groups,
        themes=themes,
        schedule={name: getattr(original, name) for name in SCHEDULE_FIELDS},
    )
    return _labelled(entry, names or SnippetNames())


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
    readers = {
        EntryKind.OFFERING: (offering_queryset, offering_entries),
        EntryKind.PROPOSAL: (proposal_queryset, proposal_entries),
        EntryKind.PILOT: (pilot_queryset, pilot_entries),
    }
    if kind in readers:
        queryset, entries = readers[kind]
        return next(entries(queryset().filter(pk=object_id)), None)
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


def iter_all() -> Iterator[EntryData]:
    names = SnippetNames()
    yield from offering_entries(names=names)
    yield from proposal_entries(names=names)
    yield from pilot_entries(names=names)
    groups: dict = {}
    for page in challenge_queryset().order_by("pk"):
        groups.setdefault(page.translation_key, []).append(page)
    for pages in groups.values():
        entry = challenge_entry(pages, names)
        if entry:
            yield entry
