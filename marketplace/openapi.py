"""drf-spectacular hooks: the OpenAPI document covers the open data API only."""


def only_open_data_api(endpoints):
    """Drop Wagtail's admin API and anything else outside /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
