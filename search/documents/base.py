"""What every builder shares: addresses, chunked reading, the related values read per chunk, and
`RowReader`, the driver of the kinds read as plain rows (offerings, proposals, pilots).

Those are read in chunks, their related values (providers, customer groups, themes, team
organisations) one query per relation and chunk: `build()` and `iter_all()` share these
readers, so an entry written for one object is exactly the entry a rebuild writes
(`search_index --check` compares fingerprints).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from django.urls import NoReverseMatch
from django.utils import translation

from cms.localize import item_slug
from cms.models import ChallengePage

from ..models import EntryKind
from .entry import LANGUAGE_CODES, EntryData
from .texts import SnippetNames, language_versions, text_columns

CHUNK_SIZE = 2000


def sorted_unique(values) -> list[str]:
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


# --- Related values, one query per relation and chunk ------------------------------------


def chunks(rows, size: int = CHUNK_SIZE):
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def grouped(pairs) -> dict[int, list]:
    """{key: values} from rows (key, value) or (key, *values)."""
    by_key: dict[int, list] = {}
    for key, *value in pairs:
        by_key.setdefault(key, []).append(value[0] if len(value) == 1 else tuple(value))
    return by_key


def related_slugs(relation, ids) -> dict[int, list]:
    """Item slugs of a many-to-many relation's targets (`Offering.themes`…), by owner id: one
    query. A customer group or theme counts as one facet value whichever language copy is
    tagged (the slug of its copy in the default language)."""
    owner, related = relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()
    target = relation.through._meta.get_field(related).related_model
    return grouped(
        relation.through.objects.filter(**{f"{owner}_id__in": ids})
        .annotate(item=item_slug(target, f"{related}__"))
        .values_list(f"{owner}_id", "item")
    )


class ChallengeThemes(dict):
    """Theme slugs of challenge pages (the themes of their proposals and pilots), read once per
    page."""

    def of(self, challenge_ids) -> None:
        missing = {i for i in challenge_ids if i not in self}
        if not missing:
            return
        by_page = related_slugs(ChallengePage.themes, missing)
        for challenge_id in missing:
            self[challenge_id] = sorted_unique(by_page.get(challenge_id, []))


# --- The driver --------------------------------------------------------------------------


class RowReader:
    """The entries of one kind read as plain rows: a subclass names its kind, model, published
    queryset and columns (besides `pk` and the model's `text_columns`), reads each chunk's
    related values in `load()` and gives each row's fields in `fields()`."""

    kind: EntryKind
    model: type
    columns: tuple[str, ...] = ()
    url_key = "pk"  # the column `get_absolute_url()` is made of

    def queryset(self):
        raise NotImplementedError

    def load(self, rows: list[dict]) -> None:
        """Read the related values of a chunk of rows."""

    def language(self, row: dict) -> str:
        """The row's language when the model has none of its own."""
        return ""

    def shared(self, row: dict) -> str:
        """Text no language owns (organisation names), in every version's body."""
        return ""

    def fields(self, row: dict) -> dict:
        """The entry's date, facets, stage and vote count."""
        raise NotImplementedError

    def entries(self, names: SnippetNames | None = None, queryset=None) -> Iterator[EntryData]:
        queryset = self.queryset() if queryset is None else queryset
        names = names or SnippetNames()
        urls = Urls(self.model, self.url_key)
        rows = (
            queryset.order_by("pk")
            .values("pk", *self.columns, *text_columns(self.model))
            .iterator(chunk_size=CHUNK_SIZE)
        )
        for chunk in chunks(rows):
            self.load(chunk)
            for row in chunk:
                versions = language_versions(
                    self.model, row, language=self.language(row), shared=self.shared(row)
                )
                entry = EntryData(
                    kind=self.kind,
                    object_id=row["pk"],
                    language=versions[0].language,
                    texts=versions,
                    urls=urls(row[self.url_key]),
                    **self.fields(row),
                )
                yield names.label(entry)

    def build(self, object_id: int) -> EntryData | None:
        return next(self.entries(queryset=self.queryset().filter(pk=object_id)), None)

    def count(self) -> int:
        return self.queryset().count()
