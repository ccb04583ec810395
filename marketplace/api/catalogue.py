"""`GET /api/v1/catalogue/`: the faceted catalogue search (docs/api.md, "Catalogue").

Built on the `search` app's interface: `search.filters.CatalogueFilterSet` (the one FilterSet
of the page and the API), `search.catalogue.search(CatalogueQuery) -> CatalogueResult` and
`search.engines.SearchUnavailable`.

Anonymous like the rest of the API (`user=None`: the index holds only public entries), the
same list envelope plus `facets`, the same error shapes, language, throttling and CORS.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from cms.models import ChallengePage
from ideas.models import Proposal
from marketplace.models import Offering, Pilot
from search.catalogue import SearchUnavailable, search
from search.filters import CatalogueFilterSet

from .fields import LanguageField, site_address
from .filters import without_empty_values
from .languages import Localiser
from .pagination import validate_page_params
from .serializers import ErrorSerializer
from .views import ERROR_RESPONSES, LANGUAGE_PARAMETERS, ApiViewMixin

KINDS = ["offering", "pilot", "proposal", "challenge"]
SORTS = ["relevance", "newest", "votes", "title"]
FACET_NAMES = ["kind", "customer_group", "theme", "stage", "organisation_kind", "city", "year"]


class SearchUnavailableError(APIException):
    status_code = 503
    default_detail = "Search is unavailable. Try again in a moment."
    default_code = "search_unavailable"


class HitFieldLanguagesSerializer(serializers.Serializer):
    title = LanguageField(help_text=_("Language code."))
    summary = LanguageField(help_text=_("Language code."))


class CatalogueHitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KINDS)
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    url = serializers.URLField()
    highlight = serializers.CharField(
        allow_blank=True, help_text=_("HTML-escaped text; matching words in <mark> elements.")
    )
    customer_groups = serializers.ListField(child=serializers.CharField(), help_text=_("Slugs."))
    themes = serializers.ListField(child=serializers.CharField(), help_text=_("Slugs."))
    stage = serializers.CharField(
        allow_null=True,
        help_text=_("Challenge phase, proposal status or pilot stage; null for offerings."),
    )
    cities = serializers.ListField(child=serializers.CharField())
    year = serializers.IntegerField()
    vote_count = serializers.IntegerField(required=False, min_value=0)
    original_language = LanguageField(help_text=_("The language the text was first written in."))
    available_languages = serializers.ListField(
        child=LanguageField(),
        help_text=_("Languages the text is available in, the original first."),
    )
    field_languages = HitFieldLanguagesSerializer(
        help_text=_(
            "The language each translated field is in: the language asked, or the original "
            "where there is no translation."
        )
    )


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField(help_text=_("In the language asked."))
    count = serializers.IntegerField(
        min_value=0,
        help_text=_("Entries with this value, under every other filter but this facet's own."),
    )
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    kind = FacetValueSerializer(many=True)
    customer_group = FacetValueSerializer(many=True)
    theme = FacetValueSerializer(many=True)
    stage = FacetValueSerializer(many=True)
    organisation_kind = FacetValueSerializer(many=True)
    city = FacetValueSerializer(many=True)
    year = FacetValueSerializer(many=True)


class CatalogueAnswerSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=0)
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CatalogueHitSerializer(many=True)
    facets = FacetsSerializer()


def _repeated(name: str, description: str) -> OpenApiParameter:
    """A repeatable parameter; `document_catalogue_choices` adds the values it takes."""
    return OpenApiParameter(
        name,
        {"type": "array", "items": {"type": "string"}},
        explode=True,
        style="form",
        description=description,
    )


CATALOGUE_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description=_("Search words (all must match).")),
    _repeated("kind", "Entry kind (repeatable)."),
    _repeated("customer_group", "Customer group slug (repeatable)."),
    _repeated("theme", "Theme slug (repeatable)."),
    _repeated("stage", "Challenge phase, proposal status or pilot stage (repeatable)."),
    _repeated("organisation_kind", "Organisation kind (repeatable)."),
    _repeated("city", "City (repeatable)."),
    _repeated("year", "Year (repeatable)."),
    OpenApiParameter(
        "sort",
        # Empty is the default, as no sort at all.
        {"type": "string", "enum": [*SORTS, ""]},
        description=_("Default: relevance with q, else newest."),
    ),
    OpenApiParameter(
        "page", {"type": "integer", "minimum": 1}, description=_("Page number, from 1.")
    ),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": 100},
        description=_("Default 20, at most 100."),
    ),
    *LANGUAGE_PARAMETERS,
]
# Parameters whose values are fixed choices of the catalogue's FilterSet (slugs are data).
CHOICE_PARAMETERS = ["kind", "stage", "organisation_kind", "city"]


def document_catalogue_choices(document: dict) -> None:
    """The values of the catalogue's parameters as the catalogue's FilterSet checks them
    (a schema postprocessing step, see schema.py): any other value is a 400."""
    operation = document.get("paths", {}).get("/api/v1/catalogue/", {}).get("get")
    if operation is None:
        return
    filters = CatalogueFilterSet.base_filters
    for parameter in operation["parameters"]:
        name = parameter["name"]
        if name in CHOICE_PARAMETERS:
            values = [value for value, _label in filters[name].extra["choices"]]
            parameter["schema"]["items"] = {"type": "string", "enum": values}
        elif name == "year":
            years = [int(value) for value, _label in filters["year"].extra["choices"]()]
            parameter["schema"]["items"] = {
                "type": "integer",
                "minimum": min(years),
                "maximum": max(years),
            }


def _hit(hit) -> dict:
    """A hit as the API shows it: `url` is the absolute address of the entry's page."""
    data = hit.as_dict()
    data["url"] = site_address(data["url"])
    return data


def _translated_models() -> dict:
    """{kind: (model, the field shown as the hit's summary)} of plain-model entries."""
    return {
        "offering": (Offering, "summary"),
        "pilot": (Pilot, "public_summary"),
        "proposal": (Proposal, "summary"),
    }


def _set_text(item: dict, *, title, summary, original: str, available: list[str]) -> None:
    item["title"], title_language = title
    item["summary"], summary_language = summary
    item["original_language"] = original
    item["available_languages"] = available
    item["field_languages"] = {"title": title_language, "summary": summary_language}


def localised_hits(hits, localiser: Localiser) -> list[dict]:
    """The hits with their title and summary in the language asked, falling back to the
    original, as the lists give them: one query per kind of entry on the page."""
    items = [_hit(hit) for hit in hits]
    ids: dict[str, set] = {}
    for item in items:
        ids.setdefault(item["kind"], set()).add(item["id"])
    found: dict[str, dict] = {}
    for kind, (model, summary) in _translated_models().items():
        if ids.get(kind):
            rows = model.objects.filter(pk__in=ids[kind]).only(
                "pk", "language", "translations", "title", summary
            )
            found[kind] = {row.pk: row for row in rows}
    if ids.get("challenge"):
        pages = ChallengePage.objects.filter(pk__in=ids["challenge"]).select_related("locale")
        found["challenge"] = {page.pk: page for page in pages}
    language = localiser.language
    for item, hit in zip(items, hits, strict=True):
        obj = found.get(item["kind"], {}).get(item["id"])
        if obj is None:  # gone since it was indexed: the indexed text, in its own language
            code = hit.language or settings.LANGUAGE_CODE
            _set_text(
                item,
                title=(item["title"], code),
                summary=(item["summary"], code),
                original=code,
                available=[code],
            )
        elif item["kind"] == "challenge":
            shown = localiser.page(obj)
            code = localiser.language_of(shown)
            _set_text(
                item,
                title=(shown.title, code),
                summary=(shown.summary, code),
                original=localiser.language_of(obj),
                available=localiser.page_languages(obj),
            )
        else:
            summary = _translated_models()[item["kind"]][1]
            _set_text(
                item,
                title=obj.text_and_language("title", language),
                summary=obj.text_and_language(summary, language),
                original=obj.language,
                available=obj.available_languages(),
            )
    return items


class CatalogueView(ApiViewMixin, GenericAPIView):
    pagination_class = None
    filter_backends: list = []

    def reports_parameter_errors_with_filters(self) -> bool:
        return True

    @extend_schema(
        summary="Search the catalogue",
        tags=["catalogue"],
        parameters=CATALOGUE_PARAMETERS,
        responses={
            200: CatalogueAnswerSerializer,
            **ERROR_RESPONSES,
            503: OpenApiResponse(
                ErrorSerializer, description=_("The search engine cannot answer.")
            ),
        },
    )
    def get(self, request):
        errors = {**self.parameter_errors, **validate_page_params(request.query_params)}
        filterset = CatalogueFilterSet(without_empty_values(request.query_params))
        if not filterset.is_valid():
            for name, messages in filterset.errors.items():
                errors.setdefault(name, list(messages))
        if errors:
            raise ValidationError(errors)
        query = filterset.catalogue_query(user=None, language=self.language)
        try:
            result = search(query)
        except SearchUnavailable as exc:
            raise SearchUnavailableError(
                _("Search is unavailable. Try again in a moment.")
            ) from exc
        if query.page > 1 and result.page_out_of_range:
            raise NotFound(_("There is no page %(page)d.") % {"page": query.page})
        url = request.build_absolute_uri()
        next_url = (
            replace_query_param(url, "page", query.page + 1)
            if query.page < result.num_pages
            else None
        )
        if query.page <= 1:
            previous_url = None
        elif query.page == 2:
            previous_url = remove_query_param(url, "page")
        else:
            previous_url = replace_query_param(url, "page", query.page - 1)
        facets = result.facets_as_dict()
        return Response(
            {
                "count": result.total,
                "next": next_url,
                "previous": previous_url,
                "results": localised_hits(result.hits, Localiser(self.language)),
                "facets": {name: facets.get(name, []) for name in FACET_NAMES},
            }
        )
