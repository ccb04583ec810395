"""Tester slots and sign-ups: race-safe (the slot row is locked while its places are
counted), one active sign-up per person per slot, cancel at any time."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.channels import Channel

from ..models import TesterSignup, TesterSlot
from .common import MarketplaceError

SLOT_FIELDS = ("mode", "starts_at", "ends_at", "place", "capacity")


class SlotFull(MarketplaceError):
    pass


def slot_create(*, pilot, by, **fields) -> TesterSlot:
    data = {name: fields[name] for name in SLOT_FIELDS if name in fields}
    return TesterSlot.objects.create(pilot=pilot, **data)


def places_left(slot) -> int:
    taken = slot.signups.filter(cancelled_at__isnull=True).count()
    return max(slot.capacity - taken, 0)


@transaction.atomic
def signup_create(
    *, slot, user, access_needs="", may_contact=False, customer_group=None, phone=""
) -> TesterSignup:
    """Sign `user` up for `slot`; a full slot or a second sign-up is refused."""
    slot = TesterSlot.objects.select_for_update().get(pk=slot.pk)
    active = slot.signups.filter(cancelled_at__isnull=True)
    if active.filter(user=user).exists():
        raise MarketplaceError(_("You have already signed up for this time."))
    if active.count() >= slot.capacity:
        raise SlotFull(_("Sorry, this time is full. Choose another time."))
    return TesterSignup.objects.create(
        slot=slot,
        user=user,
        name=user.display_name or user.email,
        email=user.email,
        phone=phone,
        access_needs=access_needs,
        may_contact=may_contact,
        customer_group=customer_group,
        channel=Channel.WEB,
    )


def signup_cancel(*, signup) -> None:
    TesterSignup.objects.filter(pk=signup.pk, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now()
    )
