"""Every endpoint answers the objects docs/api.md describes, list and detail."""

from datetime import date

import pytest
from django.conf import settings

from ideas.models import ProposalStatus, TeamMember
from partners.models import Organisation
from tests.factories.cms import CustomerGroupFactory, ThemeFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import add_feedback, add_indicator, make_offering, make_pilot
from tests.factories.partners import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_challenge_list_and_detail(client):
    seniors = CustomerGroupFactory(slug="seniors", name="Seniorit")
    digital = ThemeFactory(slug="digital", name="Digitaalisuus")
    challenge = make_challenge(
        phase="voting",
        title="Museum at home",
        customer_groups=[seniors],
        themes=[digital],
        budget_eur=20000,
    )
    ProposalFactory(challenge=challenge)
    ProposalFactory(challenge=challenge, status=ProposalStatus.DRAFT)

    body = client.get("/api/v1/challenges/").json()
    assert body["count"] == 1
    assert body["next"] is None and body["previous"] is None
    item = body["results"][0]
    assert item == client.get(f"/api/v1/challenges/{challenge.pk}/").json()
    assert item["id"] == challenge.pk
    assert item["title"] == "Museum at home"
    assert item["url"] == f"{settings.SITE_URL}/fi/challenges/{challenge.slug}/"
    assert item["summary"] == challenge.summary
    assert item["owner"] == "Espoo City Museum"
    assert item["phase"] == "voting"
    assert set(item["schedule"]) == {
        "proposals_open",
        "proposals_close",
        "voting_open",
        "voting_close",
        "evaluation_end",
        "pilots_end",
    }
    assert item["schedule"]["voting_open"] is not None
    assert item["customer_groups"] == [{"slug": "seniors", "name": "Seniorit", "language": "fi"}]
    assert item["themes"] == [{"slug": "digital", "name": "Digitaalisuus", "language": "fi"}]
    assert item["budget_eur"] == 20000
    assert item["public_proposal_count"] == 1


def test_challenge_without_voting_has_null_voting_dates(client):
    challenge = make_challenge(phase="evaluation", voting=False)
    item = client.get(f"/api/v1/challenges/{challenge.pk}/").json()
    assert item["phase"] == "evaluation"
    assert item["schedule"]["voting_open"] is None
    assert item["schedule"]["voting_close"] is None


def test_proposal_list_and_detail(client):
    challenge = make_challenge(phase="voting", title="Museum at home")
    group = CustomerGroupFactory(slug="families", name="Perheet")
    lead = OrganisationFactory(name="Aalto Labs", kind=Organisation.Kind.RESEARCH, business_id="")
    proposal = ProposalFactory(
        challenge=challenge, lead_organisation=lead, title="Story walks", vote_count=7
    )
    proposal.customer_groups.set([group])
    partner = OrganisationFactory(name="Tarinat Oy")
    TeamMember.objects.create(proposal=proposal, organisation=partner)
    TeamMember.objects.create(proposal=proposal, user=UserFactory(display_name="Maija Meikäläinen"))

    body = client.get("/api/v1/proposals/").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item == client.get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert item["id"] == proposal.pk
    assert item["title"] == "Story walks"
    assert item["url"] == f"{settings.SITE_URL}/fi/proposals/{proposal.pk}/"
    assert item["challenge"] == {"id": challenge.pk, "title": "Museum at home", "language": "fi"}
    assert item["summary"] == proposal.summary
    assert item["status"] == "submitted"
    assert item["customer_groups"] == [{"slug": "families", "name": "Perheet", "language": "fi"}]
    assert item["lead_organisation"] == {"id": lead.pk, "name": "Aalto Labs", "kind": "research"}
    # The lead first; a person on the team is shown without any personal data.
    assert item["team"][0] == {"name": "Aalto Labs", "kind": "research"}
    assert sorted(item["team"][1:], key=str) == sorted(
        [{"name": "Tarinat Oy", "kind": "company"}, {"name": None, "kind": "person"}], key=str
    )
    assert "Maija" not in str(item)
    assert item["vote_count"] == 7
    assert item["submitted_at"] is not None
    assert item["language"] == "en"


def test_individual_idea_has_no_lead_organisation(client):
    challenge = make_challenge(phase="proposals", individuals_may_submit=True)
    proposal = ProposalFactory(challenge=challenge, lead_organisation=None)
    item = client.get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert item["lead_organisation"] is None
    assert item["team"] == [{"name": None, "kind": "person"}]


def test_vote_count_hidden_while_voting_when_the_challenge_hides_counts(client):
    hiding = make_challenge(phase="voting", show_vote_counts_while_voting=False)
    showing = make_challenge(phase="voting", title="Other")
    hidden = ProposalFactory(challenge=hiding, vote_count=3)
    shown = ProposalFactory(challenge=showing, vote_count=3)
    assert client.get(f"/api/v1/proposals/{hidden.pk}/").json()["vote_count"] is None
    assert client.get(f"/api/v1/proposals/{shown.pk}/").json()["vote_count"] == 3


IN_FINNISH_ONLY = {
    "original_language": "fi",
    "available_languages": ["fi"],
    "field_languages": {"name": "fi", "unit": "fi"},
}


def test_pilot_list_and_detail(client):
    pilot = make_pilot(
        title="Story walks pilot", venue="WeeGee", stage="completed", outcome="adopted"
    )
    add_indicator(
        pilot,
        name="Visits",
        unit="visits",
        baseline=100,
        target=150,
        measurements=[(date(2026, 4, 1), 120), (date(2026, 5, 1), 140)],
    )
    add_indicator(pilot, name="Satisfaction", unit="1-5", baseline=3, target=4)
    add_feedback(pilot, 5)
    add_feedback(pilot, 4)
    add_feedback(pilot, 1, hidden_reason="Abusive comment")

    body = client.get("/api/v1/pilots/").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item == client.get(f"/api/v1/pilots/{pilot.pk}/").json()
    assert item["id"] == pilot.pk
    assert item["title"] == "Story walks pilot"
    assert item["url"].startswith(settings.SITE_URL)
    assert item["url"].endswith(pilot.get_absolute_url())
    assert item["proposal"] == pilot.proposal_id
    assert item["challenge"] == pilot.proposal.challenge_id
    assert item["stage"] == "completed"
    assert item["outcome"] == "adopted"
    assert item["venue"] == "WeeGee"
    assert item["start_date"] == pilot.start_date.isoformat()
    assert item["end_date"] == pilot.end_date.isoformat()
    assert item["indicators"] == [
        {
            "name": "Visits",
            "unit": "visits",
            "baseline": 100.0,
            "target": 150.0,
            "latest": {"date": "2026-05-01", "value": 140.0},
            **IN_FINNISH_ONLY,
        },
        {
            "name": "Satisfaction",
            "unit": "1-5",
            "baseline": 3.0,
            "target": 4.0,
            "latest": None,
            **IN_FINNISH_ONLY,
        },
    ]
    # Hidden feedback counts for nothing.
    assert item["feedback"] == {"count": 2, "average": 4.5}


def test_pilot_without_feedback_or_outcome(client):
    pilot = make_pilot(stage="running")
    item = client.get(f"/api/v1/pilots/{pilot.pk}/").json()
    assert item["outcome"] is None
    assert item["feedback"] == {"count": 0, "average": None}
    assert item["indicators"] == []


def test_offering_list_and_detail(client):
    seniors = CustomerGroupFactory(slug="seniors", name="Seniorit")
    digital = ThemeFactory(slug="digital", name="Digitaalisuus")
    provider = OrganisationFactory(name="Tarinat Oy")
    association = OrganisationFactory(
        name="Museoystävät ry", kind=Organisation.Kind.ASSOCIATION, business_id=""
    )
    pilot = make_pilot()
    offering = make_offering(
        title="Story walks",
        slug="story-walks",
        providers=[provider, association],
        customer_groups=[seniors],
        themes=[digital],
        cities=["espoo", "vantaa"],
        languages=["fi", "sv"],
        price_model="per_use",
        pilot=pilot,
    )

    body = client.get("/api/v1/offerings/").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item == client.get(f"/api/v1/offerings/{offering.pk}/").json()
    assert item["id"] == offering.pk
    assert item["title"] == "Story walks"
    assert item["url"].startswith(settings.SITE_URL)
    assert item["url"].endswith(offering.get_absolute_url())
    assert item["summary"] == offering.summary
    assert sorted(item["providers"], key=lambda p: p["id"]) == [
        {"id": provider.pk, "name": "Tarinat Oy", "kind": "company"},
        {"id": association.pk, "name": "Museoystävät ry", "kind": "association"},
    ]
    assert item["customer_groups"] == [{"slug": "seniors", "name": "Seniorit", "language": "fi"}]
    assert item["themes"] == [{"slug": "digital", "name": "Digitaalisuus", "language": "fi"}]
    assert item["cities"] == ["espoo", "vantaa"]
    assert item["languages"] == ["fi", "sv"]
    assert item["price_model"] == "per_use"
    assert item["pilot"] == pilot.pk


def test_organisation_list_and_detail(client):
    organisation = OrganisationFactory(
        name="Aalto Labs",
        kind=Organisation.Kind.RESEARCH,
        business_id="",
        city="helsinki",
        website="https://aalto.example.org/",
        verified=True,
    )
    OrganisationFactory(name="Zeta Oy")

    body = client.get("/api/v1/organisations/").json()
    assert body["count"] == 2
    assert [o["name"] for o in body["results"]] == ["Aalto Labs", "Zeta Oy"]
    item = body["results"][0]
    assert item == client.get(f"/api/v1/organisations/{organisation.pk}/").json()
    assert item["id"] == organisation.pk
    assert item["name"] == "Aalto Labs"
    assert item["kind"] == "research"
    assert item["city"] == "helsinki"
    assert item["website"] == "https://aalto.example.org/"
    assert item["verified"] is True
    assert item["url"].startswith(settings.SITE_URL)
    assert item["url"].endswith(organisation.get_absolute_url())
    assert body["results"][1]["website"] is None


def test_root_lists_the_endpoints(client):
    body = client.get("/api/v1/").json()
    assert set(body) >= {
        "challenges",
        "proposals",
        "pilots",
        "offerings",
        "organisations",
        "schema",
        "docs",
    }
    assert body["proposals"].endswith("/api/v1/proposals/")


def test_a_missing_slash_redirects_to_the_endpoint(client):
    response = client.get("/api/v1/challenges?page=2")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/challenges/?page=2"
