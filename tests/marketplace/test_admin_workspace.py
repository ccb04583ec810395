"""Staff manage a pilot's milestones, indicators and measurements from the pilot's admin page,
and find their way back to the pilot from each of them."""

from datetime import timedelta

import pytest
from django.urls import reverse

from marketplace.models import Measurement, Milestone, PilotEvent
from tests.factories.marketplace import IndicatorFactory, MeasurementFactory, PilotFactory
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_the_pilot_edit_page_links_to_its_workspace_with_counts(admin_client):
    pilot = PilotFactory()
    indicator = IndicatorFactory(pilot=pilot, name="Visits")
    MeasurementFactory(indicator=indicator, date=pilot.start_date, value=3)
    html = admin_client.get(reverse("pilots:edit", args=[pilot.pk])).content.decode()
    for name, count in (("milestones", 0), ("indicators", 1), ("measurements", 1)):
        url = reverse(f"pilot_{name}:index") + f"?pilot={pilot.pk}"
        assert f'href="{url}"' in html
        assert f"{name.capitalize()} ({count})" in html


def test_the_listing_shows_only_the_pilots_rows_and_leads_back(admin_client):
    pilot, other = PilotFactory(), PilotFactory()
    IndicatorFactory(pilot=pilot, name="Visits")
    IndicatorFactory(pilot=other, name="Complaints")
    response = admin_client.get(reverse("pilot_indicators:index"), {"pilot": pilot.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Visits" in html and "Complaints" not in html
    assert "Back to pilot" in html and reverse("pilots:edit", args=[pilot.pk]) in html
    assert reverse("pilot_indicators:add") + f"?pilot={pilot.pk}" in html


def test_an_indicator_edit_page_leads_back_to_its_pilot(admin_client):
    indicator = IndicatorFactory()
    html = admin_client.get(reverse("pilot_indicators:edit", args=[indicator.pk])).content.decode()
    assert "Back to pilot" in html
    assert reverse("pilots:edit", args=[indicator.pilot_id]) in html
    assert reverse("pilot_indicators:index") + f"?pilot={indicator.pilot_id}" in html


def test_staff_add_a_milestone_from_the_pilot_and_it_is_in_the_history(admin_client, staff):
    pilot = PilotFactory()
    url = reverse("pilot_milestones:add") + f"?pilot={pilot.pk}"
    assert f'value="{pilot.pk}" selected' in admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        {
            "pilot": pilot.pk,
            "title": "Kick-off",
            "due_date": pilot.start_date.isoformat(),
            "done_date": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    milestone = Milestone.objects.get(pilot=pilot)
    assert milestone.language == pilot.language
    assert pilot.events.filter(kind=PilotEvent.Kind.MILESTONE, actor=staff).exists()
    edit = admin_client.get(reverse("pilot_milestones:edit", args=[milestone.pk]))
    assert "Back to pilot" in edit.content.decode()


def test_a_measurement_is_added_through_the_service_rules(admin_client):
    pilot = PilotFactory()
    indicator = IndicatorFactory(pilot=pilot)
    url = reverse("pilot_measurements:add") + f"?pilot={pilot.pk}"
    outside = (pilot.end_date + timedelta(days=30)).isoformat()
    response = admin_client.post(url, {"indicator": indicator.pk, "date": outside, "value": "4"})
    assert response.status_code == 200 and not Measurement.objects.exists()
    inside = pilot.start_date.isoformat()
    response = admin_client.post(url, {"indicator": indicator.pk, "date": inside, "value": "4"})
    assert response.status_code == 302 and Measurement.objects.get().indicator == indicator


def test_people_who_do_not_manage_pilots_are_kept_out(client):
    indicator = IndicatorFactory()
    client.force_login(UserFactory(is_staff=True))
    for url in (
        reverse("pilot_indicators:index"),
        reverse("pilot_indicators:edit", args=[indicator.pk]),
        reverse("pilot_milestones:add"),
        reverse("pilot_measurements:index"),
    ):
        assert client.get(url).status_code in (302, 403), url


def test_admin_filters_and_choices_never_offer_a_dash(admin_client):
    pilot = PilotFactory()
    for url in (
        reverse("pilots:index"),
        reverse("pilots:add"),
        reverse("pilots:stage", args=[pilot.pk]),
        reverse("pilot_indicators:index"),
        reverse("offerings:add"),
        reverse("pilots:edit", args=[pilot.pk]),
    ):
        html = admin_client.get(url).content.decode()
        assert "---------" not in html, url
