"""Error answers for the whole site (`handler400/403/404/500` and `CSRF_FAILURE_VIEW`).

Under /api/ every error is JSON of the API's one shape, `{"errors": {"detail": [...]}}`, in the
language of `Accept-Language`, whatever raised it: a path no route matches (however odd, such as
an encoded line break), a refused host, a CSRF refusal or a crash. Everywhere else the answer is
Tori's own page in the language of the address. The 400 and 500 pages use no request context
and no database, so they render even when what failed was the request or the database.
"""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token
from rest_framework import exceptions

from marketplace.api.exceptions import error_body
from marketplace.api.languages import language_from_header
from marketplace.api.views import API_URLCONF

API_PREFIX = "/api/"


def is_api(request) -> bool:
    return request.path == API_PREFIX[:-1] or request.path.startswith(API_PREFIX)


def api_error(request, exc: exceptions.APIException) -> JsonResponse:
    # With only the API in the request's urlconf, LocaleMiddleware does not redirect a 404 to a
    # language-prefixed address (where Wagtail's catch-all would answer with an HTML page).
    request.urlconf = API_URLCONF
    language = language_from_header(request.headers.get("Accept-Language", ""))
    with translation.override(language):
        response = JsonResponse(error_body(exc.detail), status=exc.status_code)
    response["Content-Language"] = language
    return response


class ServerError(exceptions.APIException):
    pass  # status 500, "A server error occurred."


def _standalone(template: str, status: int):
    html = loader.get_template(template).render(
        {"LANGUAGE_CODE": translation.get_language() or "fi"}
    )
    return HttpResponse(html, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    if is_api(request):
        return api_error(request, exceptions.ParseError())
    return _standalone("400.html", 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    if is_api(request):
        return api_error(request, exceptions.NotFound())  # the API shows nothing confidential
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    if is_api(request):
        return api_error(request, exceptions.NotFound())
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    if is_api(request):
        return api_error(request, ServerError())
    return _standalone("500.html", 500)


def csrf_failure(request, reason=""):
    if is_api(request):
        return api_error(request, exceptions.PermissionDenied())
    return render(request, "403_csrf.html", status=403)
