import threading

import pytest
from django.db import close_old_connections, connection

from partners.models import Membership
from partners.services import memberships as membership_services
from partners.services.errors import LastOwnerError
from tests.factories.partners import MembershipFactory, OrganisationFactory

pytestmark = [
    # serialized_rollback: the flush at the end keeps the content types' ids (a plain flush
    # recreates them with new ids, and the next serialized test cannot restore its copy).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_two_owners_leaving_at_once_leave_one_owner():
    organisation = OrganisationFactory()
    owners = MembershipFactory.create_batch(2, organisation=organisation, role="owner")
    barrier = threading.Barrier(2)
    outcomes = []

    def leave(membership):
        try:
            barrier.wait()
            membership_services.membership_remove(
                membership=Membership.objects.get(pk=membership.pk)
            )
            outcomes.append("left")
        except LastOwnerError:
            outcomes.append("refused")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=leave, args=(m,)) for m in owners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["left", "refused"]
    assert Membership.objects.filter(organisation=organisation, role="owner").count() == 1
