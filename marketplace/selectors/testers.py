"""Reads of tester slots and sign-ups (constant queries per page)."""

from django.db.models import Count, Q

from ..models import TesterSignup, TesterSlot


def slots_of(pilot):
    """The pilot's slots, each with `taken` (active sign-ups) and `left` (places left)."""
    slots = list(
        TesterSlot.objects.filter(pilot=pilot).annotate(
            taken=Count("signups", filter=Q(signups__cancelled_at__isnull=True))
        )
    )
    for slot in slots:
        slot.left = max(slot.capacity - slot.taken, 0)
    return slots


def own_signups(user, pilot):
    if not user.is_authenticated:
        return []
    return list(
        TesterSignup.objects.filter(user=user, slot__pilot=pilot, cancelled_at__isnull=True)
        .select_related("slot")
        .order_by("slot__starts_at")
    )


def team_view(pilot) -> dict:
    """For the team: the sign-ups of people who agreed to be contacted, and the others only
    as a count."""
    active = TesterSignup.objects.filter(slot__pilot=pilot, cancelled_at__isnull=True)
    return {
        "contactable": list(
            active.filter(may_contact=True).select_related("slot").order_by("slot__starts_at")
        ),
        "others": active.filter(may_contact=False).count(),
    }
