"""Suppressed breakdowns on the closed challenge's page, in the API and in the staff admin:
never before the challenge closes, never a figure under 5, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import CustomerGroupMembership
from ideas.models import ProposalStatus, Vote
from marketplace import rules
from marketplace.services import breakdowns
from tests.factories.cms import CustomerGroupFactory, make_challenge, translate_snippet
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import add_feedback, make_pilot
from tests.factories.partners import UserFactory, make_role

pytestmark = pytest.mark.django_db


def add_voters(challenge, proposal, n, *, group=None, channel="web"):
    for _ in range(n):
        user = UserFactory()
        if group is not None:
            CustomerGroupMembership.objects.create(user=user, group=group)
        Vote.objects.create(user=user, proposal=proposal, challenge=challenge, channel=channel)


@pytest.fixture
def voted():
    def make(phase="closed", scale=1):
        challenge = make_challenge(phase=phase, title="Closed challenge")
        proposal = ProposalFactory(challenge=challenge, status=ProposalStatus.SELECTED)
        seniors = CustomerGroupFactory(name="Seniors", slug=f"seniors-{challenge.pk}")
        translate_snippet(seniors, "en", name="Seniors in English")
        families = CustomerGroupFactory(name="Families", slug=f"families-{challenge.pk}")
        add_voters(challenge, proposal, 9 * scale, group=seniors)
        add_voters(challenge, proposal, 3, group=seniors, channel="paper")  # a small cell
        add_voters(challenge, proposal, 8 * scale, group=families)
        add_voters(challenge, proposal, 7 * scale, group=families, channel="paper")
        add_voters(challenge, proposal, 6 * scale)
        add_voters(challenge, proposal, 5 * scale, channel="paper")
        return challenge

    return make


@pytest.mark.parametrize(
    "phase, public",
    [
        ("proposals", False),
        ("voting", False),
        ("evaluation", False),
        ("piloting", True),
        ("closed", True),
    ],
)
def test_the_vote_breakdown_is_public_only_once_the_challenge_closes(phase, public):
    assert rules.is_vote_breakdown_public(make_challenge(phase=phase)) is public


def test_the_closed_challenge_page_shows_the_suppressed_breakdown(client, voted):
    challenge = voted()
    html = client.get(challenge.url.replace("/fi/", "/en/", 1)).content.decode()
    assert "Who voted" in html
    assert "Seniors in English" in html
    assert "fewer than 5 people" in html
    assert '<span aria-hidden="true">–</span>' in html
    assert ">3<" not in html


def test_no_breakdown_before_the_challenge_closes(client, voted):
    challenge = voted(phase="evaluation")
    assert "Who voted" not in client.get(challenge.url.replace("/fi/", "/en/", 1)).content.decode()
    response = client.get(f"/api/v1/challenges/{challenge.pk}/breakdown/")
    assert response.status_code == 404
    assert response.json()


def test_the_api_gives_suppressed_aggregates_only(client, voted):
    challenge = voted()
    data = client.get(f"/api/v1/challenges/{challenge.pk}/breakdown/").json()
    assert data["challenge"] == challenge.pk
    votes = data["votes"]
    assert votes["threshold"] == 5
    assert votes["totals"]["total"]["count"] == 38
    figures = [c["count"] for r in [*votes["rows"], votes["totals"]] for c in r["cells"].values()]
    assert None in figures
    assert all(f is None or f >= 5 for f in figures)
    assert "user" not in str(data) and "email" not in str(data)


def test_the_pilot_breakdown_counts_feedback_and_testers(client):
    pilot = make_pilot(stage="running")
    group = CustomerGroupFactory(name="Seniors")
    for rating in (5, 4, 4, 5, 3, 5):
        add_feedback(pilot, rating, customer_group=group)
    data = client.get(f"/api/v1/pilots/{pilot.pk}/breakdown/").json()
    feedback = data["feedback"]
    assert feedback["totals"]["total"] == {"count": 6, "mean": 4.3}
    assert data["testers"]["rows"] == []
    planned = make_pilot(stage="planned")
    assert client.get(f"/api/v1/pilots/{planned.pk}/breakdown/").status_code == 404


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_breakdown_reads_the_same_number_of_queries_for_few_and_many_voters(client, voted):
    small, large = voted(), voted(scale=6)
    paths = [f"/api/v1/challenges/{c.pk}/breakdown/" for c in (small, large)]
    _queries(client, paths[0])
    assert _queries(client, paths[0]) == _queries(client, paths[1])


def test_the_staff_analytics_rule_is_staff_only():
    for role, allowed in [
        ("visitor", False),
        ("unverified", False),
        ("resident", False),
        ("partner_member", False),
        ("evaluator", False),
        ("editor", True),
        ("moderator", True),
        ("superuser", True),
    ]:
        assert rules.can_view_breakdowns(make_role(role)) is allowed, role


def test_the_builder_counts_each_person_once_per_cell(voted):
    challenge = voted()
    table = breakdowns.challenge_votes(challenge)
    assert table.totals.total.count == 38
    assert {r.key for r in table.rows} >= {"none"}


def test_staff_see_the_challenge_and_pilot_analytics_with_a_chart(client, voted):
    challenge = voted()
    pilot = make_pilot(stage="running")
    for rating in (5, 4, 4, 5, 3):
        add_feedback(pilot, rating)
    client.force_login(make_role("editor"))
    html = client.get(f"/admin/marketplace/breakdown/challenge/{challenge.pk}/").content.decode()
    assert "Voters by customer group and channel" in html and "<svg" in html
    html = client.get(f"/admin/marketplace/breakdown/pilot/{pilot.pk}/").content.decode()
    assert "mean 4.2" in html
    assert "No one yet." in html  # no testers
    client.force_login(make_role("evaluator"))
    response = client.get(f"/admin/marketplace/breakdown/pilot/{pilot.pk}/")
    assert response.status_code in (302, 403)


def test_the_staff_analytics_read_constant_queries(client, voted):
    small, large = voted(), voted(scale=6)
    client.force_login(make_role("superuser"))
    paths = [f"/admin/marketplace/breakdown/challenge/{c.pk}/" for c in (small, large)]
    _queries(client, paths[0])
    assert _queries(client, paths[0]) == _queries(client, paths[1])


@pytest.mark.parametrize(
    "stage, published, public",
    [
        ("planned", True, False),
        ("running", True, True),
        ("evaluating", True, True),
        ("completed", True, True),
        ("running", False, False),
    ],
)
def test_a_pilot_breakdown_is_public_once_the_published_pilot_runs(stage, published, public):
    pilot = make_pilot(stage=stage, published=published)
    assert rules.is_pilot_breakdown_public(pilot) is public
