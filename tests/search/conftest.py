import os
from datetime import date

import pytest
from django.utils import timezone

from ideas.models import ProposalStatus
from partners.models import Organisation
from tests.factories.cms import CustomerGroupFactory, ThemeFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_offering, make_pilot
from tests.factories.partners import OrganisationFactory

ENGINES = [
    pytest.param("database", id="database"),
    pytest.param(
        "elasticsearch",
        id="elasticsearch",
        marks=pytest.mark.skipif(
            not os.environ.get("ELASTICSEARCH_URL"),
            reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to run the contract against",
        ),
    ),
]


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the index hooks (on_commit) for whatever the test builds inside `with indexed():`."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def catalogue(indexed):
    """A small catalogue, and one confidential proposal that must never be found or counted.

    Word "lantern" appears in: offering Lantern walks (title), proposal Evening tours (body),
    challenge Museum nights (summary), and the confidential proposal (title). "Saffron" and
    "cardamom" appear only in the confidential parts of the public proposal Evening tours.
    """
    with indexed():
        seniors = CustomerGroupFactory(name="Seniors", slug="seniors")
        families = CustomerGroupFactory(name="Families", slug="families")
        digital = ThemeFactory(name="Digital", slug="digital")
        outdoors = ThemeFactory(name="Outdoors", slug="outdoors")
        research = OrganisationFactory(
            kind=Organisation.Kind.RESEARCH, business_id="", name="Aalto lab"
        )
        company = OrganisationFactory(name="Lyhty Oy")
        challenge = make_challenge(
            phase="voting",
            title="Museum nights",
            summary="Bring a lantern and explore the museum after dark.",
            customer_groups=[seniors, families],
            themes=[digital],
        )
        closed = make_challenge(
            phase="closed", title="Quiet mornings", summary="Calm visits before opening."
        )
        offering = make_offering(
            title="Lantern walks",
            summary="Guided evening walks for seniors.",
            providers=[company],
            customer_groups=[seniors],
            themes=[outdoors],
            cities=["espoo", "helsinki"],
        )
        app = make_offering(
            title="Museum app",
            summary="A digital guide for families.",
            providers=[research, company],
            customer_groups=[families],
            themes=[digital],
            cities=["vantaa"],
        )
        hidden_offering = make_offering(
            title="Unpublished lantern kit", published=False, customer_groups=[seniors]
        )
        public = ProposalFactory(
            challenge=challenge,
            title="Evening tours",
            summary="Tours for seniors.",
            body="Each visitor carries a lantern.",
            lead_organisation=research,
            vote_count=7,
            # Its confidential parts: never indexed, found or counted.
            confidential_pricing="Saffron tariff: 40 euros a tour.",
            confidential_details="Cardamom lantern wicks burn twice as long.",
        )
        public.customer_groups.set([seniors])
        other = ProposalFactory(
            challenge=challenge, title="Family quiz", summary="A quiz for families.", vote_count=2
        )
        other.customer_groups.set([families])
        confidential = ProposalFactory(
            challenge=challenge,
            title="Secret lantern plan",
            summary="Confidential plan for seniors.",
            publication_consent=False,
            status=ProposalStatus.SHORTLISTED,
            vote_count=99,
        )
        confidential.customer_groups.set([seniors])
        draft = ProposalFactory(
            challenge=challenge,
            title="Draft lantern idea",
            status=ProposalStatus.DRAFT,
            publication_consent=True,
        )
        selected = ProposalFactory(
            challenge=closed, title="Morning yoga", status=ProposalStatus.SELECTED
        )
        pilot = make_pilot(
            proposal=selected,
            title="Yoga pilot",
            public_summary="Yoga among the exhibits.",
            start_date=date(2025, 5, 1),
            end_date=date(2025, 8, 1),
        )
    return {
        "seniors": seniors,
        "families": families,
        "digital": digital,
        "outdoors": outdoors,
        "challenge": challenge,
        "closed": closed,
        "offering": offering,
        "app": app,
        "hidden_offering": hidden_offering,
        "public": public,
        "other": other,
        "confidential": confidential,
        "draft": draft,
        "selected": selected,
        "pilot": pilot,
        "now": timezone.now(),
    }
