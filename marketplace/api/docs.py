"""The API's self-description: the OpenAPI document, a server-rendered documentation page
built from it (no CDN assets), the root index, and the JSON 404 of unknown addresses."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from .exceptions import api_exception_handler
from .languages import requested_language
from .throttling import ApiAnonThrottle, throttled_error
from .views import API_URLCONF, ApiViewMixin, query_too_long

ENDPOINTS = ["challenge", "proposal", "pilot", "offering", "organisation"]


class SchemaView(SpectacularJSONAPIView):
    """`GET /api/v1/schema/`: the OpenAPI 3 document (JSON)."""

    authentication_classes: list = []
    throttle_classes = [ApiAnonThrottle]

    def get_exception_handler(self):
        return api_exception_handler

    def throttled(self, request, wait):
        raise throttled_error(wait)

    def dispatch(self, request, *args, **kwargs):
        request.urlconf = API_URLCONF
        with translation.override("en"):  # the contract's language
            response = super().dispatch(request, *args, **kwargs)
            response.render()
        response["Content-Language"] = "en"
        return response


@extend_schema(exclude=True)
class ApiRootView(ApiViewMixin, APIView):
    """`GET /api/v1/`: where everything is."""

    def get(self, request):
        links = {
            f"{name}s": request.build_absolute_uri(reverse(f"api:{name}-list"))
            for name in ENDPOINTS
        }
        links["schema"] = request.build_absolute_uri(reverse("api:schema"))
        links["docs"] = request.build_absolute_uri(reverse("api:docs"))
        return Response(links)


def not_found(request, *args, **kwargs):
    """Unknown addresses under /api/v1/ answer JSON too (or add the missing slash)."""
    request.urlconf = API_URLCONF
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not-found":
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    language, _unknown = requested_language(
        request, read_query=not query_too_long(request.META.get("QUERY_STRING", ""))
    )
    with translation.override(language):
        response = JsonResponse(
            {"errors": {"detail": [_("Not found.")]}},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    patch_vary_headers(response, ["Accept-Language"])
    response["Content-Language"] = language
    return response


def _resolve(schema: dict, node):
    """Follow `$ref`s of a generated schema (components only)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 10:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["components"]["schemas"].get(name, {})
        seen += 1
    return node


def _type_label(schema: dict, node) -> str:
    node = _resolve(schema, node)
    if not isinstance(node, dict):
        return ""
    if "allOf" in node and node["allOf"]:
        return _type_label(schema, node["allOf"][0])
    if "oneOf" in node:
        labels = (_type_label(schema, n) for n in node["oneOf"])
        return " | ".join(label for label in labels if label)
    kind = node.get("type", "object")
    if kind == "array":
        return f"[{_type_label(schema, node.get('items', {}))}]"
    if "enum" in node:  # an empty value (no filter) is said in the description
        return " | ".join(str(v) for v in node["enum"] if v not in (None, ""))
    return node.get("format", kind)


def _fields(schema: dict, node, prefix: str = "", depth: int = 0) -> list[dict]:
    node = _resolve(schema, node)
    if "allOf" in node and node["allOf"]:
        node = _resolve(schema, node["allOf"][0])
    if node.get("type") == "array":
        node = _resolve(schema, node.get("items", {}))
    rows = []
    for name, prop in node.get("properties", {}).items():
        target = _resolve(schema, prop)
        if "allOf" in target and target["allOf"]:
            target = {
                **_resolve(schema, target["allOf"][0]),
                **{k: v for k, v in target.items() if k != "allOf"},
            }
        rows.append(
            {
                "name": f"{prefix}{name}",
                "type": _type_label(schema, prop),
                "nullable": bool(prop.get("nullable") or target.get("nullable")),
                "description": prop.get("description") or target.get("description", ""),
            }
        )
        if depth < 2:
            inner = target.get("items", target) if target.get("type") == "array" else target
            inner = _resolve(schema, inner)
            if inner.get("properties"):
                rows += _fields(schema, inner, f"{prefix}{name}.", depth + 1)
    return rows


def documentation(request):
    """`GET /api/v1/docs/`: every endpoint, parameter and field, from the OpenAPI document."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path_, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            ok = operation.get("responses", {}).get("200", {})
            body = ok.get("content", {}).get("application/json", {}).get("schema", {})
            results = _resolve(schema, body).get("properties", {}).get("results")
            operations.append(
                {
                    "method": method.upper(),
                    "path": path_,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "location": p["in"],
                            "type": _type_label(schema, p.get("schema", {})),
                            "repeatable": bool(p.get("explode"))
                            and p.get("schema", {}).get("type") == "array",
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "fields": _fields(schema, results or body) if body else [],
                    "errors": sorted(
                        code for code in operation.get("responses", {}) if code != "200"
                    ),
                }
            )
    context = {"info": schema.get("info", {}), "operations": operations}
    return render(request, "api/docs.html", context)
