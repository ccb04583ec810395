"""drf-spectacular hooks: the OpenAPI document describes API v1 only."""

API_PREFIX = "/api/v1/"


def only_api_v1(endpoints, **kwargs):
    """Leave out Wagtail's admin API and anything else outside /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]
