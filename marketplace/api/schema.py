"""drf-spectacular hooks: the OpenAPI document describes API v1 only, and says what every
answer does."""

from django.utils.translation import gettext as _

from .catalogue import document_catalogue_choices

API_PREFIX = "/api/v1/"


def only_api_v1(endpoints, **kwargs):
    """Leave out Wagtail's admin API and anything else outside /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


def _allow_empty(parameter: dict) -> None:
    """A repeatable filter takes an empty value, which is no filter (`?theme=`)."""
    parameter["allowEmptyValue"] = True
    items = parameter["schema"].get("items", {})
    if "enum" in items:
        items["enum"] = [*items["enum"], ""]
    elif items.get("type") not in (None, "string"):
        parameter["schema"]["items"] = {"oneOf": [items, {"type": "string", "enum": [""]}]}
    parameter["description"] = " ".join(
        str(part)
        for part in (parameter.get("description"), _("An empty value is no filter."))
        if part
    )


def _retry_after(response: dict) -> None:
    response["headers"] = {
        "Retry-After": {
            "schema": {"type": "integer", "minimum": 0},
            "description": _("Seconds to wait before the next request."),
        }
    }


def document_the_contract(result, generator, request, public):
    """Postprocessing: the catalogue's choices (from the FilterSet that checks them), empty
    filter values, and the Retry-After header of every 429."""
    document_catalogue_choices(result)
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                if (
                    parameter["in"] == "query"
                    and parameter.get("explode")
                    and parameter["schema"].get("type") == "array"
                ):
                    _allow_empty(parameter)
            if "429" in operation.get("responses", {}):
                _retry_after(operation["responses"]["429"])
    return result
