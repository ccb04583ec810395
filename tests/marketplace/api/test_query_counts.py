"""Every list runs the same number of SQL queries for 5 items as for 100."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from ideas.models import ProposalStatus, TeamMember
from marketplace.models import Milestone, ProcurementMethod
from marketplace.services.procurement import procurement_save
from tests.factories.cms import CustomerGroupFactory, ThemeFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import add_feedback, add_indicator, make_offering, make_pilot
from tests.factories.partners import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def taxonomy():
    seniors = CustomerGroupFactory(slug="seniors")
    digital = ThemeFactory(slug="digital")
    sv = Locale.objects.get(language_code="sv")
    seniors_sv = seniors.copy_for_translation(sv)
    seniors_sv.name = "Seniorer"
    seniors_sv.save()
    return [seniors], [digital]


def count_queries(client, path, page_size, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"page_size": page_size, **(params or {})})
    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size
    return len(queries)


def assert_constant(client, path, make, params=None):
    for _ in range(5):
        make()
    for lang in ("fi", "sv"):
        count_queries(client, path, 5, {"lang": lang, **(params or {})})  # warm the site-root cache
    small = {
        lang: count_queries(client, path, 5, {"lang": lang, **(params or {})})
        for lang in ("fi", "sv")
    }
    for _ in range(95):
        make()
    large = {
        lang: count_queries(client, path, 100, {"lang": lang, **(params or {})})
        for lang in ("fi", "sv")
    }
    assert small == large


def test_challenges(client, taxonomy):
    groups, themes = taxonomy
    challenge_for_proposals = []

    def make():
        # Live pages without revisions: the API reads live pages only, and this is quick.
        page = make_challenge(customer_groups=groups, themes=themes, publish=False, live=True)
        if not challenge_for_proposals:
            challenge_for_proposals.append(page)
            ProposalFactory(challenge=page)

    assert_constant(client, "/api/v1/challenges/", make)


def test_proposals(client, taxonomy):
    groups, _ = taxonomy
    challenge = make_challenge()

    def make():
        proposal = ProposalFactory(challenge=challenge)
        proposal.customer_groups.set(groups)
        TeamMember.objects.create(proposal=proposal, organisation=OrganisationFactory())
        TeamMember.objects.create(proposal=proposal, user=UserFactory())

    assert_constant(client, "/api/v1/proposals/", make)


def test_pilots(client):
    challenge = make_challenge(phase="piloting")

    def make():
        proposal = ProposalFactory(challenge=challenge, status=ProposalStatus.SELECTED)
        pilot = make_pilot(proposal=proposal, translations={"sv": {"title": "På svenska"}})
        add_indicator(pilot, measurements=[(date(2026, 4, 1), 1), (date(2026, 5, 1), 2)])
        add_indicator(pilot, translations={"sv": {"name": "Besökare"}})
        add_feedback(pilot, 4)
        Milestone.objects.create(
            pilot=pilot,
            title="Alku",
            due_date=date(2026, 4, 1),
            translations={"sv": {"title": "Start"}},
        )

    assert_constant(client, "/api/v1/pilots/", make)


def test_offerings(client, taxonomy):
    groups, themes = taxonomy
    pilot = make_pilot()

    def make():
        make_offering(
            providers=[OrganisationFactory(), OrganisationFactory()],
            customer_groups=groups,
            themes=themes,
            pilot=pilot,
        )

    assert_constant(client, "/api/v1/offerings/", make, {"city": "espoo"})


def test_offerings_with_procurement_records(client, taxonomy):
    """Each offering of its own adopted pilot with its procurement record: no query per row."""

    def make():
        pilot = make_pilot(stage="completed", outcome="adopted")
        make_offering(pilot=pilot)
        procurement_save(
            pilot=pilot,
            by=None,
            method=ProcurementMethod.INNOVATION_PARTNERSHIP,
            note="Hankittu.",
            translations={"sv": {"note": "Upphandlad."}},
        )

    assert_constant(client, "/api/v1/offerings/", make)


def test_organisations(client):
    assert_constant(client, "/api/v1/organisations/", OrganisationFactory)


def test_customer_groups(client):
    """Each group with a Swedish copy and an offering serving it: counts with no query per row."""
    sv = Locale.objects.get(language_code="sv")

    def make():
        group = CustomerGroupFactory()
        copy = group.copy_for_translation(sv)
        copy.name = f"{group.name} sv"
        copy.save()
        make_offering(customer_groups=[group])

    assert_constant(client, "/api/v1/customer-groups/", make)
