import pytest

from tests.factories.partners import MembershipFactory, UserFactory


@pytest.fixture
def staff(db):
    return UserFactory(groups=["Editors", "Moderators"], is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def team_member_of():
    """A user who belongs to the lead organisation of the pilot's proposal."""

    def make(pilot):
        return MembershipFactory(organisation=pilot.proposal.lead_organisation).user

    return make
