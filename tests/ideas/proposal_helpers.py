"""Helpers for the proposal tests (not a conftest: other helpers own tests/ideas too)."""

import pytest
from django.contrib.auth.models import Group

from partners.models import Membership
from tests.factories.cms import CustomerGroupFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
EXE = b"MZ\x90\x00" + b"\x00" * 60


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.TORI_PRIVATE_ROOT = tmp_path / "private"
    return settings.TORI_PRIVATE_ROOT


def partner(organisation=None, *, role=Membership.Role.MEMBER, **kwargs):
    """A verified resident who belongs to `organisation` (a new one if not given)."""
    organisation = organisation or OrganisationFactory()
    user = UserFactory(**kwargs)
    MembershipFactory(organisation=organisation, user=user, role=role)
    return user


def staff(group="Editors"):
    return UserFactory(groups=[group])


def challenge(phase="proposals", **kwargs):
    kwargs.setdefault("customer_groups", [CustomerGroupFactory(), CustomerGroupFactory()])
    return make_challenge(phase=phase, **kwargs)


def proposal_with_lead(challenge_page=None, *, status="submitted", **kwargs):
    """A proposal and a verified member of its lead organisation."""
    challenge_page = challenge_page or challenge()
    proposal = ProposalFactory(challenge=challenge_page, status=status, **kwargs)
    lead = partner(proposal.lead_organisation)
    return proposal, lead


def ensure_group(name):
    return Group.objects.get_or_create(name=name)[0]
