import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _generous_throttle(settings):
    """Tests make many requests from one address; the throttle tests set their own rate."""
    settings.TORI_API_THROTTLE_RATE = "10000/min"


@pytest.fixture
def api(client):
    """GET helper: the JSON body and the response."""

    def get(path, params=None, **headers):
        response = client.get(path, params or {}, headers=headers)
        return response

    return get


@pytest.fixture
def client():
    """API clients send no Accept-Language unless a test says so: the default is the original."""
    return Client()
