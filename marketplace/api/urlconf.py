"""A URL configuration holding only the API, set as `request.urlconf` by API views once the
request is resolved.

LocaleMiddleware redirects any 404 outside the language-prefixed patterns to a prefixed
address that Wagtail's catch-all page route always matches. API 404s (missing and
confidential objects, unknown addresses) must stay JSON 404s: with this urlconf on the
request, the middleware sees no language-prefixed patterns and leaves the answer alone.
"""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("marketplace.api.urls"))]
