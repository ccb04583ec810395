"""The catalogue page: parse with the FilterSet, ask the engine, render."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from .catalogue import search
from .engines import SearchUnavailable
from .filters import CatalogueFilterSet
from .hit_images import attach_images
from .query import FACET_LABELS, FACETS


def _url(params) -> str:
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def _without(get, facet: str, value: str) -> str:
    params = get.copy()
    params.setlist(facet, [v for v in params.getlist(facet) if v != value])
    params.pop("page", None)
    return _url(params)


def _with_page(get, page: int) -> str:
    params = get.copy()
    params["page"] = str(page)
    return _url(params)


def _profile_url(slug: str) -> str:
    """A customer group's profile page in the active language ("" for a slug it cannot take)."""
    try:
        return reverse("marketplace:customer-group-detail", args=[slug])
    except NoReverseMatch:
        return ""


def _decorate(result, get):
    """Template data: facets with legends, active filters with removal links, hit tag labels."""
    labels = {facet: {v.value: v.label for v in values} for facet, values in result.facets.items()}
    facets = [
        {"name": name, "label": FACET_LABELS[name], "values": result.facets.get(name, [])}
        for name in FACETS
        if result.facets.get(name)
    ]
    active = [
        {
            "facet_label": FACET_LABELS[name],
            "label": labels.get(name, {}).get(value, value),
            "remove_url": _without(get, name, value),
        }
        for name in FACETS
        for value in result.query.filters.get(name, [])
    ]
    for hit in result.hits:
        hit.customer_group_links = [
            (labels["customer_group"].get(v, v), _profile_url(v)) for v in hit.customer_groups
        ]
        hit.theme_labels = [labels["theme"].get(v, v) for v in hit.themes]
        hit.city_labels = [labels["city"].get(v, v) for v in hit.cities]
    return facets, active


def catalogue(request):
    filterset = CatalogueFilterSet(request.GET)
    context = {"filterset": filterset, "form": filterset.form}
    if not filterset.is_valid():
        return render(request, "search/catalogue.html", {**context, "invalid": True}, status=400)
    query = filterset.catalogue_query(user=request.user, language=translation.get_language() or "")
    try:
        result = search(query)
    except SearchUnavailable:
        return render(request, "search/unavailable.html", status=503)
    if query.page > 1 and result.page_out_of_range:  # an empty catalogue has its page 1
        raise Http404("No such page of results.")
    facets, active = _decorate(result, request.GET)
    attach_images(result.hits)
    page = query.page
    pagination = {
        "previous_url": _with_page(request.GET, page - 1) if page > 1 else "",
        "next_url": _with_page(request.GET, page + 1) if page < result.num_pages else "",
        "pages": [
            {"number": n, "url": _with_page(request.GET, n), "current": n == page}
            for n in range(max(1, page - 3), min(result.num_pages, page + 3) + 1)
        ],
    }
    clear = request.GET.copy()
    for name in FACETS:
        clear.pop(name, None)
    clear.pop("page", None)
    context.update(
        query=query,
        result=result,
        facets=facets,
        active_filters=active,
        clear_filters_url=_url(clear),
        pagination=pagination,
        first_result=query.offset + 1,
        last_result=query.offset + len(result.hits),
    )
    return render(request, "search/catalogue.html", context)
