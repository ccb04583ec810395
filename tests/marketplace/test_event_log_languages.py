"""A pilot's history is written once and read in the reader's language: each event keeps its
text in every language, with the milestone's and indicator's names translated."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from marketplace.models import PilotEvent
from marketplace.services import workspace as workspace_services
from tests.factories.marketplace import PilotFactory
from tests.ideas.proposal_helpers import staff

pytestmark = pytest.mark.django_db


def test_events_read_in_the_language_of_the_page():
    pilot = PilotFactory(language="fi", start_date=dt.date(2026, 1, 5))
    editor = staff()
    with translation.override("fi"):  # written by a Finnish-speaking editor
        workspace_services.milestone_save(
            pilot=pilot,
            by=editor,
            title="Aloitustapaaminen",
            due_date=dt.date(2026, 1, 20),
            translations={"sv": {"title": "Startmöte"}},
        )
        indicator = workspace_services.indicator_save(
            pilot=pilot,
            by=editor,
            name="Kävijät",
            unit="hlöä",
            baseline=Decimal(0),
            target=Decimal(1000),
            translations={"sv": {"name": "Besökare", "unit": "personer"}},
        )
        workspace_services.measurement_add(
            indicator=indicator, by=editor, date=dt.date(2026, 1, 20), value=Decimal("1250.5")
        )
    events = list(PilotEvent.objects.filter(pilot=pilot).order_by("id"))
    with translation.override("sv"):
        swedish = [event.shown for event in events]
    with translation.override("fi"):
        finnish = [event.shown for event in events]
    assert "Startmöte" in swedish[0] and "Aloitustapaaminen" in finnish[0]
    assert "Besökare" in swedish[1]
    assert "20.1.2026" in swedish[2] and "Besökare" in swedish[2] and "personer" in swedish[2]
    assert finnish[2] != swedish[2]
    # The stored description is the writer's language.
    assert events[0].description == finnish[0]


def test_the_workspace_shows_the_log_in_the_readers_language(client):
    pilot = PilotFactory(language="fi")
    editor = staff()
    with translation.override("fi"):
        workspace_services.milestone_save(
            pilot=pilot,
            by=editor,
            title="Loppuraportti",
            due_date=pilot.end_date,
            translations={"en": {"title": "Final report"}},
        )
    client.force_login(editor)
    html = client.get(f"/en/pilots/{pilot.pk}/workspace/").content.decode()
    assert "Milestone added: Final report" in html
