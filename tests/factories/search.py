"""Offerings and pilots for the catalogue tests, built with the ORM (tests/factories/marketplace.py
belongs to the marketplace tests)."""

from datetime import date

from django.utils.text import slugify

from ideas.models import ProposalStatus
from marketplace.models import Offering, Pilot, PilotStage

from .ideas import ProposalFactory
from .partners import OrganisationFactory

_counter = {"n": 0}


def _next() -> int:
    _counter["n"] += 1
    return _counter["n"]


def make_offering(
    *,
    title: str = "",
    summary: str = "A service package.",
    description: str = "",
    providers=None,
    customer_groups=(),
    themes=(),
    cities=("espoo",),
    languages=("fi",),
    published: bool = True,
    **fields,
) -> Offering:
    n = _next()
    title = title or f"Offering {n}"
    offering = Offering.objects.create(
        title=title,
        slug=f"{slugify(title)[:180]}-{n}",
        summary=summary,
        description=description,
        cities=list(cities),
        languages=list(languages),
        price_model=fields.pop("price_model", "free"),
        published=published,
        **fields,
    )
    offering.providers.set(providers if providers is not None else [OrganisationFactory()])
    if customer_groups:
        offering.customer_groups.set(customer_groups)
    if themes:
        offering.themes.set(themes)
    return offering


def make_pilot(
    *,
    proposal=None,
    challenge=None,
    title: str = "",
    public_summary: str = "What the pilot does.",
    stage: str = PilotStage.RUNNING,
    start_date: date = date(2026, 3, 1),
    end_date: date = date(2026, 9, 30),
    published: bool = True,
    **fields,
) -> Pilot:
    if proposal is None:
        proposal = ProposalFactory(challenge=challenge, status=ProposalStatus.SELECTED)
    return Pilot.objects.create(
        proposal=proposal,
        title=title or f"Pilot {_next()}",
        public_summary=public_summary,
        venue=fields.pop("venue", "Espoo City Museum"),
        start_date=start_date,
        end_date=end_date,
        stage=stage,
        published=published,
        **fields,
    )
