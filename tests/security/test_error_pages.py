"""Error answers: under /api/ every error is JSON of the shape `{"errors": {...}}`, whatever
raised it (no route, a bad path, a crash); everywhere else the error page is Tori's own, in the
language of the address (Finnish or Swedish), for 400, 403, a refused CSRF check, 404 and 500."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from marketplace.selectors import pilots as pilot_selectors

pytestmark = pytest.mark.django_db


def _boom(*args, **kwargs):
    raise RuntimeError("a fault in the code")


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == ["errors"]
    assert body["errors"] and all(isinstance(v, list) and v for v in body["errors"].values())


@pytest.mark.parametrize(
    "path",
    ["/api/v1/proposals/%0A/", "/api/v1/no-such-thing/", "/api/v2/", "/api/", "/api/v1/pilots/x/"],
)
def test_api_paths_without_a_route_answer_json_404(client, path):
    assert_json_error(client.get(path), 404)


def test_api_crash_answers_json_500(monkeypatch):
    from marketplace.api.views import ProposalViewSet

    monkeypatch.setattr(ProposalViewSet, "list_queryset", staticmethod(_boom))
    response = Client(raise_request_exception=False).get("/api/v1/proposals/")
    assert_json_error(response, 500)
    assert "a fault in the code" not in response.content.decode()


def test_api_bad_host_answers_json_400(client):
    assert_json_error(client.get("/api/v1/proposals/", HTTP_HOST="evil.example"), 400)


PAGE_NOT_FOUND = {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte"}
SOMETHING_WRONG = {"fi": "Palvelussa on häiriö", "sv": "Ett fel har inträffat i tjänsten"}
BAD_REQUEST = {"fi": "Virheellinen pyyntö", "sv": "Felaktig begäran"}
NOT_ALLOWED = {"fi": "Ei sallittu", "sv": "Inte tillåtet"}
CSRF_REFUSED = {
    "fi": "Lomakkeen tarkistus epäonnistui",
    "sv": "Kontrollen av blanketten misslyckades",
}


def assert_tori_page(response, status, language, text):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert "Tori" in html
    assert text[language] in html
    other = "sv" if language == "fi" else "fi"
    assert text[other] not in html


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_404_is_tori_page_in_the_language(client, language):
    response = client.get(f"/{language}/no-such-page-at-all/")
    assert_tori_page(response, 404, language, PAGE_NOT_FOUND)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_500_is_tori_page_in_the_language(monkeypatch, language):
    monkeypatch.setattr(pilot_selectors, "published_pilots", _boom)
    response = Client(raise_request_exception=False).get(f"/{language}/pilots/")
    assert_tori_page(response, 500, language, SOMETHING_WRONG)
    assert "a fault in the code" not in response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_400_is_tori_page_in_the_language(client, language):
    response = client.get(f"/{language}/", HTTP_HOST="evil.example")
    assert_tori_page(response, 400, language, BAD_REQUEST)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_403_is_tori_page_in_the_language(client, monkeypatch, language):
    def refuse(*args, **kwargs):
        raise PermissionDenied

    monkeypatch.setattr(pilot_selectors, "published_pilots", refuse)
    response = client.get(f"/{language}/pilots/")
    assert_tori_page(response, 403, language, NOT_ALLOWED)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_csrf_refusal_is_tori_page_in_the_language(language):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{language}/account/login/", {"username": "a", "password": "b"})
    assert_tori_page(response, 403, language, CSRF_REFUSED)
