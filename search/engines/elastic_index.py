"""The Elasticsearch index: its mapping, its names, and an entry as an indexed document.

Documents live in a timestamped index `<prefix>-catalogue-<UTC time>` behind the alias
`<prefix>-catalogue`. Each text version of an entry goes to the fields of its language
(`title_fi`, `summary_sv`, `body_en`…), analysed with that language's analyser (and the
standard one, `.words`); a version of unknown language to `*_any`, analysed with the standard
one and every language's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import Date, Document, Index, Integer, Keyword, Long, Object, Text

from ..documents import SCHEDULE_FIELDS, SEARCH_CONFIGS, EntryData
from .common import TEXT_PARTS

# Elasticsearch's language analysers have the names of PostgreSQL's configurations.
LANGUAGE_ANALYSERS = SEARCH_CONFIGS
ANY = "any"  # the fields of a text version whose language is not known


def language_field(language: str) -> Text:
    """A language's text field: its analyser, and the standard one for the words as written."""
    return Text(analyzer=LANGUAGE_ANALYSERS[language], fields={"words": Text(analyzer="standard")})


def text_field() -> Text:
    """A text field of unknown language: the standard analyser, and every language's."""
    return Text(
        analyzer="standard",
        fields={sub: Text(analyzer=analyser) for sub, analyser in LANGUAGE_ANALYSERS.items()},
    )


def version_key(language: str) -> str:
    """The suffix of a text version's fields."""
    return language if language in LANGUAGE_ANALYSERS else ANY


class CatalogueDocument(Document):
    kind = Keyword()
    object_id = Long()
    language = Keyword()
    texts = Object(enabled=False)
    urls = Object(enabled=False)
    sort_title_fi = Keyword()
    sort_title_sv = Keyword()
    sort_title_en = Keyword()
    customer_groups = Keyword(multi=True)
    themes = Keyword(multi=True)
    cities = Keyword(multi=True)
    organisation_kinds = Keyword(multi=True)
    stage = Keyword()
    proposals_open = Date()
    proposals_close = Date()
    voting_open = Date()
    voting_close = Date()
    evaluation_end = Date()
    pilots_end = Date()
    date = Date()
    year = Integer()
    vote_count = Integer()
    fingerprint = Keyword()


for _part in TEXT_PARTS:
    for _code in LANGUAGE_ANALYSERS:
        CatalogueDocument._doc_type.mapping.field(f"{_part}_{_code}", language_field(_code))
    CatalogueDocument._doc_type.mapping.field(f"{_part}_{ANY}", text_field())


# --- Names -------------------------------------------------------------------------------


def alias_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-catalogue"


def new_index_name(now: datetime | None = None) -> str:
    now = (now or timezone.now()).astimezone(UTC)
    return f"{alias_name()}-{now:%Y%m%d%H%M%S%f}"


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(CatalogueDocument)
    return index


# --- Documents ---------------------------------------------------------------------------


def doc_id(kind: str, object_id: int) -> str:
    return f"{kind}-{object_id}"


def to_source(data: EntryData) -> dict:
    original = data.original
    versions: dict[str, dict[str, list[str]]] = {}
    for version in data.texts:
        slot = versions.setdefault(version_key(version.language), {p: [] for p in TEXT_PARTS})
        for part in TEXT_PARTS:
            slot[part].append(getattr(version, part))
    for language, label in data.labels.items():  # customer group and theme names: searched
        slot = versions.setdefault(version_key(language), {p: [] for p in TEXT_PARTS})
        slot["body"].append(label)
    source = {
        "kind": str(data.kind),
        "object_id": data.object_id,
        "language": data.language,
        **{
            f"{part}_{key}": "\n".join(t for t in texts[part] if t)
            for key, texts in versions.items()
            for part in TEXT_PARTS
        },
        "stage": data.stage or None,
        "date": data.date.isoformat(),
        **data.stored_as_is(),
        "original_title": original.title,
    }
    for name in SCHEDULE_FIELDS:
        value = data.schedule.get(name)
        source[name] = value.isoformat() if value else None
    return source
