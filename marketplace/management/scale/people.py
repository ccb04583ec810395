"""Residents, organisations (with valid business IDs) and their owners."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from partners.models import City, Membership, Organisation
from partners.validators import business_id_check_digit

from .bulk import Run
from .text import text

CITIES = [city.value for city in City if city != City.OTHER]


def business_ids(count: int):
    """`count` valid, unused business IDs."""
    taken = set(Organisation.objects.exclude(business_id="").values_list("business_id", flat=True))
    number = 1000000 + secrets.randbelow(7000000)
    produced = 0
    while produced < count:
        number = number + 1 if number < 9999999 else 1000000
        digits = f"{number:07d}"
        check = business_id_check_digit(digits)
        candidate = f"{digits}-{check}"
        if check is None or candidate in taken:
            continue
        taken.add(candidate)
        produced += 1
        yield candidate


def add_residents(run: Run, count: int) -> list:
    User = get_user_model()
    unusable = make_password(None)
    return run.bulk(
        User,
        (
            User(
                email=f"{run.tag}-{i}@scale.invalid",
                display_name=f"Resident {run.tag}-{i}",
                password=unusable,  # bench sessions are created directly
                email_verified_at=run.now,
            )
            for i in range(count)
        ),
        label="users",
    )


def add_organisations(run: Run, count: int, *, owners: list) -> list:
    """Verified organisations of every kind across the cities, each owned by a resident."""
    ids = business_ids(count)
    kinds = list(Organisation.Kind)
    organisations = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        organisations.append(
            Organisation(
                name=f"Organisation {run.tag}-{i}",
                slug=f"{run.tag}-org-{i}",
                kind=kind,
                business_id=next(ids) if kind == Organisation.Kind.COMPANY else "",
                city=CITIES[i % len(CITIES)],
                description=text(i, 15),
                verified=True,
            )
        )
    organisations = run.bulk(Organisation, organisations, label="organisations")
    run.bulk(
        Membership,
        (
            Membership(organisation=org, user=owners[i % len(owners)], role=Membership.Role.OWNER)
            for i, org in enumerate(organisations)
        ),
        label="memberships",
        ignore_conflicts=True,
    )
    return organisations
