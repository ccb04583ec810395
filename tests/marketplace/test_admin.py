"""Staff work in the Wagtail admin: pilots from selected proposals, stage moves, offerings."""

from datetime import date

import pytest
from django.urls import reverse

from marketplace.models import Offering, Pilot, PilotEvent, PilotStage
from tests.factories.marketplace import PilotFactory, selected_proposal
from tests.factories.partners import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_staff_create_a_pilot_from_a_selected_proposal(admin_client, staff):
    proposal = selected_proposal()
    data = {
        "proposal": proposal.pk,
        "title": "Night tours",
        "venue": "KAMU",
        "start_date": "2026-02-01",
        "end_date": "2026-04-30",
        "budget_eur": "12000",
        "public_summary": "Tours at night.",
    }
    response = admin_client.post(reverse("pilots:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    pilot = Pilot.objects.get()
    assert pilot.stage == PilotStage.PLANNED and pilot.start_date == date(2026, 2, 1)
    assert pilot.events.filter(kind=PilotEvent.Kind.CREATED, actor=staff).exists()
    # a second pilot of the same proposal is not offered
    response = admin_client.post(reverse("pilots:add"), {**data, "title": "Again"})
    assert response.status_code == 200 and Pilot.objects.count() == 1


def test_admin_pilot_form_refuses_end_before_start(admin_client):
    proposal = selected_proposal()
    response = admin_client.post(
        reverse("pilots:add"),
        {
            "proposal": proposal.pk,
            "title": "x",
            "venue": "x",
            "start_date": "2026-02-01",
            "end_date": "2026-01-01",
            "public_summary": "x",
        },
    )
    assert response.status_code == 200 and not Pilot.objects.exists()


def test_editing_does_not_change_the_stage(admin_client):
    pilot = PilotFactory(stage=PilotStage.RUNNING)
    data = {
        "title": "Renamed",
        "venue": pilot.venue,
        "start_date": pilot.start_date.isoformat(),
        "end_date": pilot.end_date.isoformat(),
        "public_summary": pilot.public_summary,
        "published": "on",
        "stage": "completed",
        "outcome": "adopted",
    }
    response = admin_client.post(reverse("pilots:edit", args=[pilot.pk]), data)
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert pilot.title == "Renamed" and pilot.stage == PilotStage.RUNNING and pilot.outcome == ""


def test_stage_action_moves_forward_and_needs_an_outcome_to_complete(admin_client):
    pilot = PilotFactory(stage=PilotStage.EVALUATING)
    url = reverse("pilots:stage", args=[pilot.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"to_stage": "completed"})
    assert response.status_code == 200 and "outcome" in response.context["form"].errors
    response = admin_client.post(url, {"to_stage": "running"})
    assert response.status_code == 200
    admin_client.post(url, {"to_stage": "completed", "outcome": "continued"})
    pilot.refresh_from_db()
    assert (pilot.stage, pilot.outcome) == ("completed", "continued")


def test_pilot_listing_filters(admin_client):
    PilotFactory(title="Runner", stage="running")
    PilotFactory(title="Planner", stage="planned")
    html = admin_client.get(reverse("pilots:index"), {"stage": "planned"}).content.decode()
    assert "Planner" in html and "Runner" not in html


def test_offering_from_a_completed_pilot_is_prefilled(admin_client):
    pilot = PilotFactory(stage=PilotStage.COMPLETED, outcome="adopted", title="Proven pilot")
    response = admin_client.get(reverse("offerings:add") + f"?pilot={pilot.pk}")
    form = response.context["form"]
    assert form.initial["title"] == "Proven pilot"
    assert form.initial["pilot"] == pilot.pk
    assert pilot.proposal.lead_organisation_id in form.initial["providers"]


def test_staff_publish_an_offering_with_several_providers(admin_client):
    a, b = OrganisationFactory(), OrganisationFactory()
    response = admin_client.post(
        reverse("offerings:add"),
        {
            "title": "Audio guides",
            "slug": "",
            "summary": "Guides in many languages.",
            "providers": [a.pk, b.pk],
            "cities": ["espoo", "turku"],
            "languages": ["fi", "sv"],
            "price_model": "per_use",
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    offering = Offering.objects.get()
    assert offering.slug == "audio-guides" and set(offering.providers.all()) == {a, b}
    assert offering.cities == ["espoo", "turku"] and offering.languages == ["fi", "sv"]


def test_residents_cannot_reach_admin_actions(client):
    pilot = PilotFactory()
    client.force_login(UserFactory())
    for url in (reverse("pilots:stage", args=[pilot.pk]), reverse("pilots:index")):
        assert client.get(url).status_code in (302, 403)
