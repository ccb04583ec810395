"""Facet value labels in the active language."""

from __future__ import annotations

from django.utils import translation
from wagtail.models import Locale

from cms.localize import item_slug
from cms.models import CustomerGroup, Theme

from .query import CITY_LABELS, KIND_LABELS, ORGANISATION_KIND_LABELS, STAGE_LABELS


def _snippet_names(model, slugs, language: str) -> dict[str, str]:
    if not slugs:
        return {}
    default_id = Locale.get_default().pk
    names: dict[str, dict] = {}
    # Facet values are item slugs (the default-language copy's); every copy of the item
    # gives its name in its language.
    rows = (
        model.objects.annotate(item=item_slug(model))
        .filter(item__in=slugs)
        .values_list("item", "name", "locale_id", "locale__language_code")
    )
    for slug, name, locale_id, code in rows:
        slot = names.setdefault(slug, {})
        slot[code] = name
        if locale_id == default_id:
            slot["_default"] = name
    return {
        slug: slot.get(language) or slot.get("_default") or next(iter(slot.values()))
        for slug, slot in names.items()
    }


def facet_labels(
    values_by_facet: dict[str, set[str]], language: str | None = None
) -> dict[str, dict[str, str]]:
    """{facet: {value: label}} for the values given."""
    language = language or translation.get_language() or "fi"
    return {
        "kind": {v: str(KIND_LABELS.get(v, v)) for v in values_by_facet.get("kind", ())},
        "stage": {v: str(STAGE_LABELS.get(v, v)) for v in values_by_facet.get("stage", ())},
        "organisation_kind": {
            v: str(ORGANISATION_KIND_LABELS.get(v, v))
            for v in values_by_facet.get("organisation_kind", ())
        },
        "city": {v: str(CITY_LABELS.get(v, v)) for v in values_by_facet.get("city", ())},
        "year": {v: str(v) for v in values_by_facet.get("year", ())},
        "customer_group": _snippet_names(
            CustomerGroup, values_by_facet.get("customer_group"), language
        ),
        "theme": _snippet_names(Theme, values_by_facet.get("theme"), language),
    }


def _order(facet: str, values: list, counts: dict[str, int], labels: dict[str, str]) -> list:
    if facet == "kind":
        order = list(KIND_LABELS)
        return sorted(values, key=lambda v: order.index(v) if v in order else len(order))
    if facet == "stage":
        order = list(STAGE_LABELS)
        return sorted(values, key=lambda v: order.index(v) if v in order else len(order))
    if facet == "year":
        return sorted(values, key=lambda v: -int(v))
    return sorted(values, key=lambda v: (-counts.get(v, 0), labels.get(v, v).casefold(), v))


def build_facets(
    counts: dict[str, dict[str, int]], filters: dict[str, list[str]], language=None
) -> dict:
    """Facet lists from raw counts: values with a count, and every selected value (count 0 if
    nothing matches), labelled in the active language and ordered for people."""
    from .query import FACETS, FacetValue

    wanted = {}
    for facet in FACETS:
        values = {str(v) for v, n in counts.get(facet, {}).items() if n > 0}
        values |= set(filters.get(facet, []))
        wanted[facet] = values
    labels = facet_labels(wanted, language)
    facets = {}
    for facet in FACETS:
        facet_counts = {str(k): v for k, v in counts.get(facet, {}).items()}
        selected = set(filters.get(facet, []))
        facet_labels_ = labels.get(facet, {})
        facets[facet] = [
            FacetValue(
                value=v,
                label=facet_labels_.get(v, v),
                count=facet_counts.get(v, 0),
                selected=v in selected,
            )
            for v in _order(facet, list(wanted[facet]), facet_counts, facet_labels_)
        ]
    return facets
