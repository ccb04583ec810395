"""Memberships: add, remove, change a role, hand the ownership over. An organisation always
keeps at least one owner."""

from django.db import transaction

from ..models import Membership, Organisation, User
from .errors import AlreadyMember, LastOwnerError, PartnersError


def _owner_count(organisation: Organisation) -> int:
    # Callers lock the organisation's memberships first, so two owners cannot leave at once.
    return Membership.objects.filter(organisation=organisation, role=Membership.Role.OWNER).count()


def _lock_memberships(organisation: Organisation) -> None:
    list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def membership_add(
    *, organisation: Organisation, user: User, role: str = Membership.Role.MEMBER
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    if not created:
        raise AlreadyMember
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a member (or let a member leave); never the last owner."""
    _lock_memberships(membership.organisation)
    membership.refresh_from_db()
    if membership.role == Membership.Role.OWNER and _owner_count(membership.organisation) <= 1:
        raise LastOwnerError
    membership.delete()


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str) -> Membership:
    """Promote to owner or demote to member; an organisation keeps at least one owner."""
    if role not in Membership.Role.values:
        raise ValueError(role)
    _lock_memberships(membership.organisation)
    membership.refresh_from_db()
    if (
        membership.role == Membership.Role.OWNER
        and role != Membership.Role.OWNER
        and _owner_count(membership.organisation) <= 1
    ):
        raise LastOwnerError
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def ownership_hand_over(*, from_membership: Membership, to_membership: Membership) -> None:
    """Make another member the owner and the current owner a member."""
    if from_membership.organisation_id != to_membership.organisation_id:
        raise PartnersError
    membership_set_role(membership=to_membership, role=Membership.Role.OWNER)
    membership_set_role(membership=from_membership, role=Membership.Role.MEMBER)
