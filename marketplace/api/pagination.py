"""`?page=N&page_size=M`: default 20, at most 100; bad values 400, a page past the end 404."""

from django.core.paginator import InvalidPage
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _positive_int(raw: str) -> int | None:
    raw = raw.strip()
    if not raw.isdigit() or not raw.isascii():
        return None
    value = int(raw)
    return value if value > 0 else None


def validate_page_params(query_params) -> dict:
    """Errors of `page` and `page_size`, keyed by parameter (empty when both are fine)."""
    errors = {}
    page = query_params.get("page")
    if page is not None and _positive_int(page) is None:
        errors["page"] = [_("Give a page number: a whole number from 1 up.")]
    size = query_params.get("page_size")
    if size is not None:
        value = _positive_int(size)
        if value is None:
            errors["page_size"] = [_("Give a page size: a whole number from 1 up.")]
        elif value > MAX_PAGE_SIZE:
            errors["page_size"] = [_("The page size is at most %(max)d.") % {"max": MAX_PAGE_SIZE}]
    return errors


class ApiPagination(PageNumberPagination):
    """The list envelope `{count, next, previous, results}`.

    The parameters are validated before the query runs (`validate_page_params`, called by
    the views with the filters), so here they are known to be well formed.
    """

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        number = int(request.query_params.get(self.page_query_param) or 1)
        try:
            self.page = paginator.page(number)
        except InvalidPage as exc:
            raise NotFound(_("There is no page %(page)d.") % {"page": number}) from exc
        return list(self.page)

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        envelope["required"] = ["count", "next", "previous", "results"]
        envelope["properties"]["count"]["minimum"] = 0
        return envelope

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": str(_("Page number, from 1. A page past the end answers 404.")),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("Results per page: default %(default)d, at most %(max)d.")
                    % {"default": DEFAULT_PAGE_SIZE, "max": MAX_PAGE_SIZE}
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
