"""Pilots, offerings, indicators and feedback built with the ORM, for the API tests.

(tests/factories/marketplace.py belongs to the marketplace helper; these stay minimal.)
"""

import itertools
from datetime import date, timedelta

from ideas.models import ProposalStatus
from marketplace.models import Feedback, Indicator, Measurement, Offering, Pilot

from .cms import make_challenge
from .ideas import ProposalFactory
from .partners import OrganisationFactory, UserFactory

_numbers = itertools.count(1)


def make_pilot(*, proposal=None, challenge=None, published=True, **fields) -> Pilot:
    if proposal is None:
        challenge = challenge or make_challenge(phase="piloting", title="Pilot challenge")
        proposal = ProposalFactory(challenge=challenge, status=ProposalStatus.SELECTED)
    n = next(_numbers)
    fields.setdefault("title", f"Pilot {n}")
    fields.setdefault("public_summary", f"What pilot {n} tries.")
    fields.setdefault("venue", "Espoo City Museum")
    fields.setdefault("start_date", date(2026, 3, 1) + timedelta(days=n))
    fields.setdefault("end_date", fields["start_date"] + timedelta(days=60))
    return Pilot.objects.create(proposal=proposal, published=published, **fields)


def add_indicator(pilot, *, measurements=(), **fields) -> Indicator:
    fields.setdefault("name", "Visitors")
    fields.setdefault("unit", "people")
    fields.setdefault("baseline", 100)
    fields.setdefault("target", 150)
    indicator = Indicator.objects.create(pilot=pilot, **fields)
    for day, value in measurements:
        Measurement.objects.create(indicator=indicator, date=day, value=value)
    return indicator


def add_feedback(pilot, rating: int, *, hidden_reason: str = "", **fields) -> Feedback:
    return Feedback.objects.create(
        pilot=pilot,
        user=fields.pop("user", None) or UserFactory(),
        rating=rating,
        hidden_reason=hidden_reason,
        **fields,
    )


def make_offering(
    *,
    providers=None,
    customer_groups=(),
    themes=(),
    published=True,
    **fields,
) -> Offering:
    n = next(_numbers)
    fields.setdefault("title", f"Offering {n}")
    fields.setdefault("slug", f"offering-{n}")
    fields.setdefault("summary", f"What offering {n} gives.")
    fields.setdefault("price_model", "free")
    fields.setdefault("cities", ["espoo"])
    fields.setdefault("languages", ["fi"])
    offering = Offering.objects.create(published=published, **fields)
    offering.providers.set(providers if providers is not None else [OrganisationFactory()])
    offering.customer_groups.set(customer_groups)
    offering.themes.set(themes)
    return offering
