"""An entry's words: its text in every language it has, and the names of its customer groups
and themes in every language they are translated into.

Every builder goes through `language_versions()`: the original (the object's own fields, in
its `language`) and its translations in the scheme `{language: {field: text}}` — a model's
`translations` JSON field, read with the text fields whenever the model has one
(`text_columns`), or a challenge's translated pages. Each version is analysed with its
language's stemmer by every engine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.html import strip_tags

from cms.localize import item_slug
from cms.models import ChallengePage, CustomerGroup, Theme
from ideas.models import Proposal
from marketplace.models import Offering, Pilot

from ..query import strip_markers
from .entry import LANGUAGE_CODES, EntryData, TextVersion

# The model fields an entry's title, summary and body are made of.
TEXT_FIELDS: dict[type, dict[str, tuple[str, ...]]] = {
    Offering: {"title": ("title",), "summary": ("summary",), "body": ("description",)},
    Proposal: {"title": ("title",), "summary": ("summary",), "body": ("body",)},
    Pilot: {"title": ("title",), "summary": ("public_summary",), "body": ("venue",)},
    ChallengePage: {"title": ("title",), "summary": ("summary",), "body": ("owner_unit", "body")},
}


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", strip_markers(strip_tags(text or ""))).strip()


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def text_columns(model) -> list[str]:
    """The columns a builder reads for `language_versions`: the text fields, the original
    `language` and the `translations` when the model has them."""
    columns = [name for names in TEXT_FIELDS[model].values() for name in names]
    return columns + [n for n in ("language", "translations") if _has_field(model, n)]


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
        return clean(" ".join(str(source.get(name) or "") for name in parts[part]))

    shared = clean(shared)
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
        return {code: clean(" ".join(found[code])) for code in LANGUAGE_CODES if code in found}

    def label(self, entry: EntryData) -> EntryData:
        """The entry, its `labels` set from its customer groups and themes."""
        entry.labels = self.labels(
            {"customer_groups": entry.customer_groups, "themes": entry.themes}
        )
        return entry
