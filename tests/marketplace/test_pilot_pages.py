from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from marketplace.models import Measurement, Milestone
from tests.factories.cms import make_challenge
from tests.factories.marketplace import (
    FeedbackFactory,
    IndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    PilotFactory,
    selected_proposal,
)
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db


def url(pilot):
    with translation.override("en"):
        return pilot.get_absolute_url()


def test_published_pilot_page_shows_timeline_charts_and_feedback(client):
    pilot = PilotFactory(title="Memory café")
    MilestoneFactory(pilot=pilot, title="Opening", done_date=pilot.start_date)
    indicator = IndicatorFactory(pilot=pilot, name="Visits", unit="visits", baseline=20, target=60)
    MeasurementFactory(indicator=indicator, date=pilot.start_date, value=30)
    MeasurementFactory(indicator=indicator, date=pilot.start_date + timedelta(days=7), value=42)
    FeedbackFactory(pilot=pilot, rating=5)
    FeedbackFactory(pilot=pilot, rating=3)
    html = client.get(url(pilot)).content.decode()
    assert '<ol class="timeline">' in html and "Opening" in html
    assert (
        'role="img"' in html and f'id="indicator-{indicator.pk}-title"' in html and "<desc" in html
    )
    assert "latest 42 visits (target 60, baseline 20)" in html
    assert 'class="chart-target"' in html
    assert "<table" in html and "Measurements of Visits" in html
    assert "Average 4.0 / 5 from 2 residents" in html


def test_unpublished_pilot_is_404_but_team_and_staff_preview(client, staff, team_member_of):
    pilot = PilotFactory(published=False)
    assert client.get(url(pilot)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url(pilot)).status_code == 404
    client.force_login(team_member_of(pilot))
    response = client.get(url(pilot))
    assert response.status_code == 200 and "Preview" in response.content.decode()
    client.force_login(staff)
    assert client.get(url(pilot)).status_code == 200


def test_pilot_page_never_shows_a_confidential_proposals_text(client):
    challenge = make_challenge(phase="piloting", proposals_public=False)
    proposal = selected_proposal(
        challenge=challenge,
        title="Secret plan title",
        summary="Secret summary",
        body="Secret body text",
    )
    pilot = PilotFactory(proposal=proposal, public_summary="What we try, for everyone.")
    html = client.get(url(pilot)).content.decode()
    assert "What we try, for everyone." in html
    for secret in (
        "Secret plan title",
        "Secret summary",
        "Secret body text",
        proposal.get_absolute_url(),
    ):
        assert secret not in html


def test_pilot_page_links_a_public_proposal(client):
    pilot = PilotFactory()
    assert pilot.proposal.is_public
    assert pilot.proposal.get_absolute_url() in client.get(url(pilot)).content.decode()


def test_pilot_list_shows_published_only_and_filters_by_stage(client):
    running = PilotFactory(title="Running one", stage="running")
    PilotFactory(title="Hidden one", published=False)
    PilotFactory(title="Planned one", stage="planned")
    html = client.get("/en/pilots/").content.decode()
    assert "Running one" in html and "Planned one" in html and "Hidden one" not in html
    html = client.get("/en/pilots/", {"stage": "running"}).content.decode()
    assert running.title in html and "Planned one" not in html
    assert client.get("/en/pilots/", {"stage": "bogus"}).status_code == 200
    assert client.get("/en/pilots/", {"page": "x"}).status_code == 404


def test_challenge_page_lists_its_published_pilots():
    from django.template import Context, Template

    pilot = PilotFactory(title="Seen pilot")
    PilotFactory(
        title="Unseen pilot",
        published=False,
        proposal=selected_proposal(challenge=pilot.proposal.challenge),
    )
    html = Template("{% load pilot_tags %}{% challenge_pilots challenge %}").render(
        Context({"challenge": pilot.proposal.challenge})
    )
    assert "Seen pilot" in html and "Unseen pilot" not in html


def _fill(pilot, n):
    indicator = IndicatorFactory(pilot=pilot)
    IndicatorFactory(pilot=pilot)
    Milestone.objects.bulk_create(
        Milestone(pilot=pilot, title=f"M{i}", due_date=pilot.start_date + timedelta(days=i % 80))
        for i in range(n)
    )
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator, date=pilot.start_date + timedelta(days=i % 80), value=Decimal(i)
        )
        for i in range(n)
    )
    for _ in range(n):
        FeedbackFactory(pilot=pilot)


@pytest.mark.parametrize("signed_in", [False, True])
def test_pilot_page_query_count_is_constant(client, signed_in):
    small, large = PilotFactory(), PilotFactory()
    _fill(small, 5)
    _fill(large, 100)
    if signed_in:
        client.force_login(UserFactory())
    counts = []
    for pilot in (small, large):
        client.get(url(pilot))  # warm caches (site root, locales)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(pilot)).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_pilot_list_query_count_is_constant(client):
    def count():
        client.get("/en/pilots/")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/en/pilots/").status_code == 200
        return len(ctx)

    challenge = make_challenge(phase="piloting")
    for _ in range(2):
        PilotFactory(proposal=selected_proposal(challenge=challenge))
    small = count()
    for _ in range(10):
        PilotFactory(proposal=selected_proposal(challenge=challenge))
    assert count() == small


@pytest.mark.parametrize(
    ("baseline", "target", "values"),
    [
        (0, 0, [0, 0]),  # everything zero: the chart has no range at all
        (0, 0, [0]),  # one measurement
        (5, 5, [5, 5, 5]),  # a flat line on its target
        (0, 0, []),  # no measurement yet
        (-3, 0, [-3, -1]),  # negative values
    ],
)
def test_pilot_page_draws_indicators_whose_values_do_not_vary(client, baseline, target, values):
    pilot = PilotFactory(title="Steady pilot")
    indicator = IndicatorFactory(
        pilot=pilot, name="Complaints", unit="complaints", baseline=baseline, target=target
    )
    for day, value in enumerate(values):
        MeasurementFactory(
            indicator=indicator, date=pilot.start_date + timedelta(days=day), value=value
        )
    response = client.get(url(pilot))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="indicator-{indicator.pk}-title"' in html
    assert "Measurements of Complaints" in html
