"""Every error answer has one shape: `{"errors": {"<parameter>": ["<message>"]}}`.

400s name the parameter; 404, 405, 406 and 429 use the key `detail`.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.encoding import force_str
from rest_framework import exceptions
from rest_framework.views import exception_handler


def _messages(detail) -> list[str]:
    if isinstance(detail, dict):
        return [force_str(m) for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list | tuple):
        return [m for item in detail for m in _messages(item)]
    return [force_str(detail)]


def error_body(detail, *, key: str = "detail") -> dict:
    """The error envelope for a DRF exception detail (a dict keyed by parameter, or not)."""
    if isinstance(detail, dict):
        return {"errors": {str(name): _messages(value) for name, value in detail.items()}}
    return {"errors": {key: _messages(detail)}}


def api_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.NotFound()  # the API shows nothing confidential: a refusal is a 404
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(exc.detail, key="non_field_errors")
    else:
        body = error_body(exc.detail)
    response.data = body
    return response
