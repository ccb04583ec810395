import pytest
from django.urls import NoReverseMatch, reverse

from marketplace.models import Offering, Pilot
from partners.models import Organisation

# Page routes other branches add (pilot, offering and organisation pages). Until they are
# merged, stand-in paths keep `url` testable; once the routes exist nothing is patched.
STAND_INS = [
    (Pilot, "marketplace:pilot-detail", {"pk": 1}, lambda obj: f"/fi/pilots/{obj.pk}/"),
    (
        Offering,
        "marketplace:offering-detail",
        {"slug": "x"},
        lambda obj: f"/fi/catalogue/{obj.slug}/",
    ),
    (
        Organisation,
        "partners:organisation-detail",
        {"slug": "x"},
        lambda obj: f"/fi/organisations/{obj.slug}/",
    ),
]


@pytest.fixture(autouse=True)
def _page_routes(monkeypatch):
    for model, name, kwargs, stand_in in STAND_INS:
        try:
            reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            monkeypatch.setattr(model, "get_absolute_url", stand_in)


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
    from django.test import Client

    return Client()
