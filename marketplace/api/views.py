"""Read-only, anonymous endpoints of API v1. Views only wire: parameters, selector, serializer."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from cms.models import ChallengePage
from ideas.models import Proposal
from marketplace.models import Offering, Pilot
from partners.models import Organisation

from . import breakdowns, filters, selectors, serializers
from .exceptions import api_exception_handler
from .languages import LANGUAGE_CODES, Localiser, requested_language
from .pagination import ApiPagination, validate_page_params
from .throttling import ApiAnonThrottle, throttled_error

MAX_ID = 2**63 - 1
API_URLCONF = "marketplace.api.urlconf"
# The longest query string the API reads. Longer ones, or ones with more parameters than
# Django parses (DATA_UPLOAD_MAX_NUMBER_FIELDS), answer a JSON 414 before anything reads
# them. The app server must let such request lines through (docs/deploy.md).
MAX_QUERY_LENGTH = 4000


def max_query_parameters() -> int:
    return settings.DATA_UPLOAD_MAX_NUMBER_FIELDS or MAX_QUERY_LENGTH


def query_too_long(query_string: str) -> bool:
    return (
        len(query_string) > MAX_QUERY_LENGTH or query_string.count("&") + 1 > max_query_parameters()
    )


def _query_limit_description() -> str:
    return _(
        "The query string is longer than %(length)d characters or has more than "
        "%(count)d parameters."
    ) % {"length": MAX_QUERY_LENGTH, "count": max_query_parameters()}


class QueryTooLong(APIException):
    status_code = 414
    default_code = "query_too_long"

    def __init__(self):
        super().__init__(
            _(
                "The address is too long. After the question mark it may have at most "
                "%(length)s characters and %(count)s parameters."
            )
            % {
                "length": number_format(MAX_QUERY_LENGTH, force_grouping=True),
                "count": number_format(max_query_parameters(), force_grouping=True),
            }
        )


class JSONOnlyNegotiation(BaseContentNegotiation):
    """The API always answers JSON, whatever the Accept header says (never a 406)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ApiViewMixin:
    """Anonymous (sessions ignored), read-only, throttled per address, JSON errors, and the
    language of `?lang=` or Accept-Language active for the whole answer."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ApiAnonThrottle]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnlyNegotiation

    def get_exception_handler(self):
        return api_exception_handler

    def dispatch(self, request, *args, **kwargs):
        request.urlconf = API_URLCONF  # keeps 404s JSON: see marketplace/api/urlconf.py
        # An over-long query is not parsed at all (`initial` answers 414).
        self.query_too_long = query_too_long(request.META.get("QUERY_STRING", ""))
        self.language, self.language_error = requested_language(
            request, read_query=not self.query_too_long
        )
        with translation.override(self.language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        patch_vary_headers(response, ["Accept-Language"])
        response["Content-Language"] = self.language
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.query_too_long:
            raise QueryTooLong()
        self.parameter_errors = {}
        if self.language_error:
            codes = ", ".join(LANGUAGE_CODES)
            self.parameter_errors["lang"] = [_("Choose one of: %(codes)s.") % {"codes": codes}]
        if self.parameter_errors and not self.reports_parameter_errors_with_filters():
            raise ValidationError(self.parameter_errors)

    def throttled(self, request, wait):
        raise throttled_error(wait)

    def reports_parameter_errors_with_filters(self) -> bool:
        """Lists add the filters' errors to these and answer one 400 (see ParameterFilterBackend)."""
        return False

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["localiser"] = Localiser(self.language)
        return context


class ParameterFilterBackend(DjangoFilterBackend):
    """django-filter, reporting every bad parameter of a list (filters, page, page_size,
    lang) in one 400. An empty filter value is no filter."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        kwargs["data"] = filters.without_empty_values(kwargs["data"])
        return kwargs

    def filter_queryset(self, request, queryset, view):
        errors = dict(getattr(view, "parameter_errors", {}))
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None and not filterset.is_valid():
            errors.update(filterset.errors)
        if errors:
            raise ValidationError(errors)
        return filterset.qs if filterset is not None else queryset


ERROR_RESPONSES = {
    400: OpenApiResponse(serializers.ErrorSerializer, description=_("A parameter is invalid.")),
    404: OpenApiResponse(
        serializers.ErrorSerializer,
        description=_("No such object, or a confidential one, or a page past the end."),
    ),
    405: OpenApiResponse(
        serializers.ErrorSerializer, description=_("Only GET (and HEAD, OPTIONS) are allowed.")
    ),
    414: OpenApiResponse(
        serializers.ErrorSerializer, description=lazy(_query_limit_description, str)()
    ),
    429: OpenApiResponse(
        serializers.ErrorSerializer,
        description=_(
            "Too many requests from this address; the Retry-After header says how many seconds to wait."
        ),
    ),
}
LANGUAGE_PARAMETERS = [
    OpenApiParameter(
        "lang",
        OpenApiTypes.STR,
        enum=LANGUAGE_CODES,
        description=_(
            "Language of translatable text; wins over Accept-Language. Falls back to the original."
        ),
    ),
    OpenApiParameter(
        "Accept-Language",
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        description=_("Language of translatable text when `lang` is not given (fi, sv, en)."),
    ),
]


def documented(serializer, *, tag: str, list_summary, detail_summary):
    return extend_schema_view(
        list=extend_schema(
            summary=list_summary,
            tags=[tag],
            parameters=LANGUAGE_PARAMETERS,
            responses={200: serializer(many=True), **ERROR_RESPONSES},
        ),
        retrieve=extend_schema(
            summary=detail_summary,
            tags=[tag],
            parameters=LANGUAGE_PARAMETERS,
            responses={200: serializer, **ERROR_RESPONSES},
        ),
    )


class ApiReadOnlyViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = ApiPagination
    filter_backends = [ParameterFilterBackend]
    lookup_value_regex = r"[0-9]+"
    list_queryset = None  # a selector

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action == "list":
            self.parameter_errors.update(validate_page_params(request.query_params))

    def reports_parameter_errors_with_filters(self) -> bool:
        return self.action == "list"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no query
            return self.queryset
        return type(self).list_queryset()

    def get_object(self):
        """The visible object with this id; a confidential one is as missing as an absent one."""
        pk = int(self.kwargs["pk"])
        if pk > MAX_ID:
            raise Http404
        return get_object_or_404(self.get_queryset(), pk=pk)


@documented(
    serializers.ChallengeSerializer,
    tag="challenges",
    list_summary=_("List published challenges"),
    detail_summary=_("One published challenge"),
)
class ChallengeViewSet(ApiReadOnlyViewSet):
    queryset = ChallengePage.objects.none()  # for the schema's model lookups only
    serializer_class = serializers.ChallengeSerializer
    filterset_class = filters.ChallengeFilter
    list_queryset = staticmethod(selectors.challenges_for_list)

    @extend_schema(
        summary=_("A closed challenge's votes by customer group and channel (suppressed)"),
        tags=["challenges"],
        parameters=LANGUAGE_PARAMETERS,
        responses={200: breakdowns.ChallengeBreakdownSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, url_path="breakdown")
    def breakdown(self, request, pk=None):
        return Response(breakdowns.challenge_breakdown(self.get_object()))


@documented(
    serializers.ProposalSerializer,
    tag="proposals",
    list_summary=_("List public proposals"),
    detail_summary=_("One public proposal"),
)
class ProposalViewSet(ApiReadOnlyViewSet):
    queryset = Proposal.objects.none()  # for the schema's model lookups only
    serializer_class = serializers.ProposalSerializer
    filterset_class = filters.ProposalFilter
    list_queryset = staticmethod(selectors.proposals_for_list)


@documented(
    serializers.PilotSerializer,
    tag="pilots",
    list_summary=_("List published pilots"),
    detail_summary=_("One published pilot"),
)
class PilotViewSet(ApiReadOnlyViewSet):
    queryset = Pilot.objects.none()  # for the schema's model lookups only
    serializer_class = serializers.PilotSerializer
    filterset_class = filters.PilotFilter
    list_queryset = staticmethod(selectors.pilots_for_list)

    @extend_schema(
        summary=_("A pilot's feedback and testers by customer group and channel (suppressed)"),
        tags=["pilots"],
        parameters=LANGUAGE_PARAMETERS,
        responses={200: breakdowns.PilotBreakdownSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, url_path="breakdown")
    def breakdown(self, request, pk=None):
        return Response(breakdowns.pilot_breakdown(self.get_object()))


@documented(
    serializers.OfferingSerializer,
    tag="offerings",
    list_summary=_("List catalogue offerings"),
    detail_summary=_("One catalogue offering"),
)
class OfferingViewSet(ApiReadOnlyViewSet):
    queryset = Offering.objects.none()  # for the schema's model lookups only
    serializer_class = serializers.OfferingSerializer
    filterset_class = filters.OfferingFilter
    list_queryset = staticmethod(selectors.offerings_for_list)


@documented(
    serializers.OrganisationSerializer,
    tag="organisations",
    list_summary=_("List organisation profiles"),
    detail_summary=_("One organisation profile"),
)
class OrganisationViewSet(ApiReadOnlyViewSet):
    queryset = Organisation.objects.none()  # for the schema's model lookups only
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    list_queryset = staticmethod(selectors.organisations_for_list)
