from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from marketplace.models import Measurement, Offering, OfferingEditProposal, PilotStage
from marketplace.services import offerings as offering_services
from marketplace.services.common import MarketplaceError
from tests.factories.marketplace import (
    FeedbackFactory,
    IndicatorFactory,
    MeasurementFactory,
    OfferingFactory,
    PilotFactory,
)
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def en(url_name, *args):
    with translation.override("en"):
        return reverse(url_name, args=args)


def test_unpublished_offering_is_404_except_for_staff_and_providers(client, staff):
    provider = OrganisationFactory()
    offering = OfferingFactory(published=False, providers=[provider], title="Secret kit")
    url = en("marketplace:offering-detail", offering.slug)
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert "Secret kit" not in client.get(en("marketplace:offering-list")).content.decode()
    client.force_login(MembershipFactory(organisation=provider).user)
    assert client.get(url).status_code == 200
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_offering_page_shows_providers_and_pilot_evidence(client):
    pilot = PilotFactory(stage=PilotStage.COMPLETED, outcome="adopted")
    indicator = IndicatorFactory(
        pilot=pilot, name="Visitors", unit="visitors", baseline=20, target=60
    )
    MeasurementFactory(indicator=indicator, value=70)
    FeedbackFactory(pilot=pilot, rating=4)
    FeedbackFactory(pilot=pilot, rating=5)
    a, b = OrganisationFactory(name="Alpha Oy"), OrganisationFactory(name="Beta ry")
    offering = OfferingFactory(
        pilot=pilot, providers=[a, b], cities=["espoo", "oulu"], languages=["sv"]
    )
    html = client.get(en("marketplace:offering-detail", offering.slug)).content.decode()
    assert "Alpha Oy" in html and "Beta ry" in html
    assert "Espoo, Oulu" in html and "Svenska" in html
    assert "Indicator results against targets" in html and "target met" in html
    assert "Average 4.5 / 5 from 2 residents" in html


def test_unpublished_pilot_gives_no_evidence(client):
    pilot = PilotFactory(
        published=False, stage=PilotStage.COMPLETED, outcome="adopted", title="Hidden pilot"
    )
    offering = OfferingFactory(pilot=pilot)
    html = client.get(en("marketplace:offering-detail", offering.slug)).content.decode()
    assert "Hidden pilot" not in html


def test_offering_list_filters(client):
    from tests.factories.cms import CustomerGroupFactory

    seniors = CustomerGroupFactory(name="Seniors")
    OfferingFactory(title="For seniors").customer_groups.add(seniors)
    OfferingFactory(title="In Oulu", cities=["oulu"])
    url = en("marketplace:offering-list")
    html = client.get(url, {"customer_group": seniors.pk}).content.decode()
    assert "For seniors" in html and "In Oulu" not in html
    html = client.get(url, {"city": "oulu"}).content.decode()
    assert "In Oulu" in html and "For seniors" not in html
    assert client.get(url, {"city": "atlantis", "customer_group": "x"}).status_code == 200


def _offering_with(n):
    pilot = PilotFactory(stage=PilotStage.COMPLETED, outcome="adopted")
    indicator = IndicatorFactory(pilot=pilot)
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator, date=pilot.start_date + timedelta(days=i % 80), value=Decimal(i)
        )
        for i in range(n)
    )
    for _ in range(n):
        FeedbackFactory(pilot=pilot)
    return OfferingFactory(pilot=pilot, providers=[OrganisationFactory() for _ in range(3)])


def test_offering_page_query_count_is_constant(client):
    counts = []
    for offering in (_offering_with(5), _offering_with(100)):
        url = en("marketplace:offering-detail", offering.slug)
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_offering_list_query_count_is_constant(client):
    url = en("marketplace:offering-list")
    for _ in range(2):
        OfferingFactory()
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(15):
        OfferingFactory()
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large)


def test_provider_team_proposes_an_edit_that_staff_approve(client, staff):
    provider = OrganisationFactory()
    offering = OfferingFactory(providers=[provider], summary="Old summary", cities=["espoo"])
    member = MembershipFactory(organisation=provider).user
    url = en("marketplace:offering-propose-edit", offering.slug)
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(member)
    data = {
        "title": offering.title,
        "summary": "New summary",
        "price_model": offering.price_model,
        "cities": ["espoo", "vantaa"],
        "languages": offering.languages,
    }
    assert client.post(url, data).status_code == 302
    edit = OfferingEditProposal.objects.get()
    assert edit.changes == {"summary": "New summary", "cities": ["espoo", "vantaa"]}
    offering.refresh_from_db()
    assert offering.summary == "Old summary"  # not before staff approve

    client.force_login(staff)
    assert client.get(reverse("offering_edits:index")).status_code == 200
    client.post(reverse("offering_edits:decide", args=[edit.pk]), {"decision": "approve"})
    offering.refresh_from_db()
    edit.refresh_from_db()
    assert offering.summary == "New summary" and offering.cities == ["espoo", "vantaa"]
    assert edit.status == OfferingEditProposal.Status.APPROVED and edit.decided_by == staff
    with pytest.raises(MarketplaceError):
        offering_services.offering_edit_decide(edit=edit, by=staff, approve=False)


def test_rejected_edit_changes_nothing(staff):
    provider = OrganisationFactory()
    offering = OfferingFactory(providers=[provider], title="Kept")
    member = MembershipFactory(organisation=provider).user
    edit = offering_services.offering_edit_propose(
        offering=offering, by=member, changes={"title": "Changed"}
    )
    offering_services.offering_edit_decide(edit=edit, by=staff, approve=False)
    offering.refresh_from_db()
    assert offering.title == "Kept"
    with pytest.raises(MarketplaceError):
        offering_services.offering_edit_propose(
            offering=offering, by=UserFactory(), changes={"title": "x"}
        )


def test_offering_needs_a_provider(staff):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        offering_services.offering_create(
            by=staff, title="x", summary="x", providers=[], price_model="free"
        )
    assert not Offering.objects.exists()
