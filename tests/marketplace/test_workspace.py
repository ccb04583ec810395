from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from marketplace.models import Measurement, Milestone, PilotEvent
from marketplace.services import workspace as workspace_services
from tests.factories.marketplace import (
    IndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    PilotFactory,
)
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db


def ws(pilot):
    return reverse("marketplace:pilot-workspace", args=[pilot.pk])


@pytest.mark.parametrize("who", ["anonymous", "resident", "other_team"])
def test_workspace_is_404_for_outsiders(client, who):
    pilot = PilotFactory()
    indicator = IndicatorFactory(pilot=pilot)
    milestone = MilestoneFactory(pilot=pilot)
    if who == "resident":
        client.force_login(UserFactory())
    elif who == "other_team":
        from tests.factories.partners import MembershipFactory

        other = PilotFactory()
        client.force_login(MembershipFactory(organisation=other.proposal.lead_organisation).user)
    urls = [
        ws(pilot),
        reverse("marketplace:milestone-edit", args=[pilot.pk, milestone.pk]),
        reverse("marketplace:indicator-edit", args=[pilot.pk, indicator.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    posts = [
        (
            reverse("marketplace:milestone-add", args=[pilot.pk]),
            {"milestone-title": "x", "milestone-due_date": "2026-01-01"},
        ),
        (reverse("marketplace:measurement-add", args=[pilot.pk, indicator.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert not Milestone.objects.filter(title="x").exists()


def test_team_and_staff_open_the_workspace(client, staff, team_member_of):
    pilot = PilotFactory(published=False)
    client.force_login(team_member_of(pilot))
    assert client.get(ws(pilot)).status_code == 200
    client.force_login(staff)
    assert client.get(ws(pilot)).status_code == 200


def test_team_adds_milestone_indicator_and_measurement_and_history_records_who(
    client, team_member_of
):
    pilot = PilotFactory()
    member = team_member_of(pilot)
    client.force_login(member)
    response = client.post(
        reverse("marketplace:milestone-add", args=[pilot.pk]),
        {"milestone-title": "Opening night", "milestone-due_date": pilot.start_date.isoformat()},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("marketplace:indicator-add", args=[pilot.pk]),
        {
            "indicator-name": "Visits",
            "indicator-unit": "visits",
            "indicator-baseline": "20",
            "indicator-target": "60",
            "indicator-higher_is_better": "on",
        },
    )
    assert response.status_code == 302
    indicator = pilot.indicators.get()
    response = client.post(
        reverse("marketplace:measurement-add", args=[pilot.pk, indicator.pk]),
        {f"m{indicator.pk}-date": pilot.start_date.isoformat(), f"m{indicator.pk}-value": "42"},
    )
    assert response.status_code == 302
    assert indicator.measurements.get().value == Decimal("42")
    events = PilotEvent.objects.filter(pilot=pilot)
    assert set(events.values_list("kind", flat=True)) >= {
        PilotEvent.Kind.MILESTONE,
        PilotEvent.Kind.INDICATOR,
        PilotEvent.Kind.MEASUREMENT,
    }
    assert set(events.values_list("actor", flat=True)) == {member.pk}
    page = client.get(ws(pilot)).content.decode()
    assert "Opening night" in page and "Measurement of Visits" in page


@pytest.mark.parametrize("offset", [-1, "after"])
def test_measurement_outside_the_pilot_gets_a_message_on_the_date_field(client, staff, offset):
    pilot = PilotFactory()
    indicator = IndicatorFactory(pilot=pilot)
    client.force_login(staff)
    day = (
        pilot.start_date - timedelta(days=1) if offset == -1 else pilot.end_date + timedelta(days=1)
    )
    response = client.post(
        reverse("marketplace:measurement-add", args=[pilot.pk, indicator.pk]),
        {f"m{indicator.pk}-date": day.isoformat(), f"m{indicator.pk}-value": "10"},
    )
    assert response.status_code == 400
    form = response.context["indicators"][0].measurement_form
    assert "date" in form.errors
    assert "within the pilot" in form.errors["date"][0]
    assert "within the pilot" in response.content.decode()
    assert not Measurement.objects.exists()


@pytest.mark.parametrize("value", ["abc", "", "1e999", "12345678901234"])
def test_measurement_value_must_be_a_number(client, staff, value):
    pilot = PilotFactory()
    indicator = IndicatorFactory(pilot=pilot)
    client.force_login(staff)
    response = client.post(
        reverse("marketplace:measurement-add", args=[pilot.pk, indicator.pk]),
        {f"m{indicator.pk}-date": pilot.start_date.isoformat(), f"m{indicator.pk}-value": value},
    )
    assert response.status_code == 400
    assert "value" in response.context["indicators"][0].measurement_form.errors
    assert not Measurement.objects.exists()


def test_measurement_service_refuses_a_date_outside_the_pilot(staff):
    indicator = IndicatorFactory()
    with pytest.raises(ValidationError) as error:
        workspace_services.measurement_add(
            indicator=indicator,
            by=staff,
            date=indicator.pilot.end_date + timedelta(days=1),
            value=Decimal(1),
        )
    assert "date" in error.value.message_dict


def test_indicator_target_must_agree_with_direction(client, staff):
    pilot = PilotFactory()
    client.force_login(staff)
    response = client.post(
        reverse("marketplace:indicator-add", args=[pilot.pk]),
        {
            "indicator-name": "Queue",
            "indicator-unit": "min",
            "indicator-baseline": "10",
            "indicator-target": "20",
        },
    )  # lower is better (unchecked), but target above baseline
    assert response.status_code == 400
    assert "target" in response.context["indicator_form"].errors


def test_milestone_done_and_removed_is_recorded(client, staff):
    pilot = PilotFactory()
    milestone = MilestoneFactory(pilot=pilot, title="Launch")
    client.force_login(staff)
    url = reverse("marketplace:milestone-edit", args=[pilot.pk, milestone.pk])
    client.post(
        url,
        {
            "title": "Launch",
            "due_date": milestone.due_date.isoformat(),
            "done_date": milestone.due_date.isoformat(),
        },
    )
    assert Milestone.objects.get().done_date == milestone.due_date
    client.post(url, {"delete": "1"})
    assert not Milestone.objects.exists()
    texts = list(pilot.events.values_list("description", flat=True))
    assert any("Milestone done: Launch" in t for t in texts) and any(
        "removed: Launch" in t for t in texts
    )


def test_measurement_removal(client, staff):
    measurement = MeasurementFactory()
    pilot = measurement.indicator.pilot
    client.force_login(staff)
    client.post(reverse("marketplace:measurement-delete", args=[pilot.pk, measurement.pk]))
    assert not Measurement.objects.exists()
