"""Slot for `GET /api/v1/catalogue/`: the faceted catalogue search.

Wired after the merge to the `search/` app's query interface and FilterSet (one definition
of every filter for the catalogue page and the API). Reuse from this package:
`pagination.ApiPagination` bounds (`validate_page_params`), `exceptions.api_exception_handler`
(through REST_FRAMEWORK settings), `views.ApiViewMixin` (language, no sessions, throttling,
JSON only) and `serializers.ErrorSerializer` for the documented error responses.
"""
