"""Wagtail "usage" pages list what refers to an object: they must not fail for rows whose
viewset has no edit view (pilot feedback, offering edit proposals)."""

import pytest
from django.urls import reverse

from marketplace.models import OfferingEditProposal
from tests.factories.marketplace import PilotFactory, add_feedback, make_offering
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db


def test_usage_pages_list_feedback_and_edit_proposals(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.get("/admin/")  # viewsets registered, so saves below are reference-indexed
    pilot = PilotFactory()
    feedback = add_feedback(pilot, 4)
    offering = make_offering()
    proposal = OfferingEditProposal.objects.create(offering=offering, changes={"summary": "x"})
    response = client.get(reverse("pilots:usage", kwargs={"pk": pilot.pk}))
    assert response.status_code == 200
    assert reverse("pilot_feedback:inspect", args=[feedback.pk]) in response.content.decode()
    response = client.get(reverse("offerings:usage", kwargs={"pk": offering.pk}))
    assert response.status_code == 200
    assert reverse("offering_edits:inspect", args=[proposal.pk]) in response.content.decode()
