"""A resident's own statement of the customer groups they belong to, with their consent.

Memberships attach to the original (default-language) customer group and are named in the
active language. Groups marked sensitive (belonging reveals health or disability) are asked
separately and saved only with the resident's explicit consent. Nothing here is ever shown
per person: the breakdowns count memberships only in suppressed totals.
"""

from django.db import transaction

from .localize import originals
from .models import CustomerGroup, CustomerGroupMembership
from .selectors import localized_in_bulk

# A figure about customer groups is published only when it counts at least this many people
# (the breakdowns' small-cell suppression uses the same number).
THRESHOLD = 5


def statement_groups() -> tuple[list[CustomerGroup], list[CustomerGroup]]:
    """(ordinary, sensitive) original groups, each once, each paired with its name in the
    active language as `label` (its description as `text`), sorted by that name."""
    rows = list(originals(CustomerGroup.objects.all()).select_related("locale"))
    shown = localized_in_bulk(rows, CustomerGroup)
    for row in rows:
        row.label = shown[row.pk].name
        row.text = shown[row.pk].description
    rows.sort(key=lambda row: row.label.casefold())
    return [r for r in rows if not r.sensitive], [r for r in rows if r.sensitive]


def memberships_of(user) -> dict[int, CustomerGroupMembership]:
    """{original group pk: the user's membership}."""
    return {m.group_id: m for m in CustomerGroupMembership.objects.filter(user=user)}


@transaction.atomic
def memberships_save(*, user, groups, sensitive_groups) -> None:
    """Replace the user's statement: `groups` (ordinary) and `sensitive_groups` (each with
    the explicit consent the form asked for). A kept group keeps its original consent time."""
    wanted = {g.pk: False for g in groups if not g.sensitive}
    wanted.update({g.pk: True for g in sensitive_groups if g.sensitive})
    current = memberships_of(user)
    CustomerGroupMembership.objects.filter(user=user).exclude(group_id__in=wanted).delete()
    for pk, explicit in wanted.items():
        if pk not in current:
            CustomerGroupMembership.objects.create(
                user=user, group_id=pk, explicit_consent=explicit
            )
        elif current[pk].explicit_consent != explicit:
            CustomerGroupMembership.objects.filter(pk=current[pk].pk).update(
                explicit_consent=explicit
            )


def memberships_remove_all(*, user) -> int:
    """Withdraw the whole statement (and with it every consent): the rows are deleted."""
    deleted, _ = CustomerGroupMembership.objects.filter(user=user).delete()
    return deleted
