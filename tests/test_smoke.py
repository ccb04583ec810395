import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_home_page_answers_in_each_language(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.django_db
def test_root_redirects_to_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302
    assert response["Location"] == "/sv/"
