"""The staff admin's inspect views show booleans as words of the reader's language, never as
Python's True/False."""

import pytest
from django.urls import reverse

from tests.factories.marketplace import PilotFactory
from tests.ideas.proposal_helpers import staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "word"), [("fi", "Kyllä"), ("sv", "Ja"), ("en", "Yes")])
def test_a_published_pilot_reads_yes_in_the_inspect_view(client, language, word):
    pilot = PilotFactory(published=True)
    client.force_login(staff())
    html = client.get(
        reverse("pilots:inspect", args=[pilot.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert f"<dd>{word}</dd>" in html.replace("\n", "").replace("  ", "") or f">{word}<" in html
    assert "True" not in html.split("<main", 1)[-1]
