"""The one FilterSet that validates catalogue parameters, for the page and the API.

    filterset = CatalogueFilterSet(request.GET)
    if not filterset.is_valid():
        errors = filterset.errors            # {"theme": ["Select a valid choice…"], …}
    query = filterset.catalogue_query(user=request.user)

Unknown values, malformed numbers and a page size over 100 are form errors, never a 500.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.localize import item_slug
from cms.models import CustomerGroup, Theme

from .models import CatalogueEntry
from .query import (
    CITY_LABELS,
    FACET_LABELS,
    KIND_LABELS,
    MAX_PAGE_SIZE,
    ORGANISATION_KIND_LABELS,
    STAGE_LABELS,
    CatalogueQuery,
    Sort,
)

FIRST_YEAR = 2000


def _slug_choices(model):
    def choices():
        return [
            (slug, slug)
            for slug in model.objects.order_by("slug").values_list("slug", flat=True).distinct()
        ]

    return choices


def _item_slugs(model, slugs: list[str]) -> list[str]:
    """Any language copy's slug as the item's slug, the one the index holds (one query)."""
    if not slugs:
        return slugs
    found = dict(
        model.objects.filter(slug__in=slugs)
        .annotate(item=item_slug(model))
        .values_list("slug", "item")
    )
    return sorted({found.get(slug, slug) for slug in slugs})


def _year_choices():
    return [(str(y), str(y)) for y in range(timezone.localdate().year + 5, FIRST_YEAR - 1, -1)]


class CatalogueFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search words"), max_length=200, method="filter_nothing")
    kind = django_filters.MultipleChoiceFilter(
        label=FACET_LABELS["kind"], choices=list(KIND_LABELS.items()), method="filter_nothing"
    )
    customer_group = django_filters.MultipleChoiceFilter(
        label=FACET_LABELS["customer_group"],
        choices=_slug_choices(CustomerGroup),
        method="filter_nothing",
    )
    theme = django_filters.MultipleChoiceFilter(
        label=FACET_LABELS["theme"], choices=_slug_choices(Theme), method="filter_nothing"
    )
    stage = django_filters.MultipleChoiceFilter(
        label=FACET_LABELS["stage"], choices=list(STAGE_LABELS.items()), method="filter_nothing"
    )
    organisation_kind = django_filters.MultipleChoiceFilter(
        label=FACET_LABELS["organisation_kind"],
        choices=list(ORGANISATION_KIND_LABELS.items()),
        method="filter_nothing",
    )
    city = django_filters.MultipleChoiceFilter(
        label=FACET_LABELS["city"], choices=list(CITY_LABELS.items()), method="filter_nothing"
    )
    year = django_filters.MultipleChoiceFilter(
        label=FACET_LABELS["year"], choices=_year_choices, method="filter_nothing"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=Sort.CHOICES, method="filter_nothing", empty_label=None
    )
    page = django_filters.NumberFilter(label=_("Page"), min_value=1, method="filter_nothing")
    page_size = django_filters.NumberFilter(
        label=_("Results per page"), min_value=1, max_value=MAX_PAGE_SIZE, method="filter_nothing"
    )

    FACET_PARAMETERS = (
        "kind",
        "customer_group",
        "theme",
        "stage",
        "organisation_kind",
        "city",
        "year",
    )

    class Meta:
        model = CatalogueEntry
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        kwargs.setdefault("queryset", CatalogueEntry.objects.none())
        super().__init__(data if data is not None else {}, *args, **kwargs)

    def filter_nothing(self, queryset, name, value):
        """The engines filter; this FilterSet only parses and validates."""
        return queryset

    def _clean_integer(self, name: str):
        value = self.form.cleaned_data.get(name)
        if value is None:
            return None
        if value != int(value):
            self.form.add_error(name, forms.ValidationError(_("Enter a whole number.")))
            return None
        return int(value)

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if valid:
            self._clean_integer("page")
            self._clean_integer("page_size")
        return self.form.is_valid() and not self.form.errors

    @property
    def cleaned(self) -> dict:
        return self.form.cleaned_data if self.is_valid() else {}

    def catalogue_query(self, *, user=None, language: str = "") -> CatalogueQuery:
        """The validated parameters as a CatalogueQuery (defaults where a value is invalid)."""
        data = self.cleaned
        filters = {name: list(data.get(name) or []) for name in self.FACET_PARAMETERS}
        for name, model in (("customer_group", CustomerGroup), ("theme", Theme)):
            filters[name] = _item_slugs(model, filters[name])
        return CatalogueQuery(
            text=data.get("q") or "",
            filters=filters,
            sort=data.get("sort") or "",
            page=int(data.get("page") or 1),
            page_size=int(data.get("page_size") or 20),
            user=user,
            language=language,
        )
