"""`make screenshots` pictures every kind of public page: each page on its list answers as
expected in every language (here with the test client; the Chromium run is `make screenshots`)."""

import io

import pytest
from django.core.management import call_command

from partners.models import User
from tests import screenshots

EXPECTED = {
    "home",
    "challenges",
    "proposal",
    "proposal-form",
    "my-proposals",
    "pilots",
    "pilot",
    "offerings",
    "offering",
    "offering-reference",
    "organisations",
    "organisation",
    "catalogue",
    "error-404",
    "sign-in",
    "accessibility",
}
PHASES = {"upcoming", "proposals", "voting", "evaluation", "piloting", "closed"}


@pytest.mark.django_db
def test_every_page_on_the_screenshot_list_answers(client):
    call_command("seed_demo", stdout=io.StringIO())
    partner = User.objects.get(email=screenshots.PARTNER)

    for language in screenshots.LANGUAGES:
        shots = screenshots.pages(language)
        names = {shot.name for shot in shots}
        assert names == EXPECTED | {f"challenge-{phase}" for phase in PHASES}
        for shot in shots:
            assert shot.path.startswith(f"/{language}/"), shot
            if shot.signed_in:
                client.force_login(partner)
            else:
                client.logout()
            response = client.get(shot.path)
            assert response.status_code == shot.status, (shot, response.status_code)
