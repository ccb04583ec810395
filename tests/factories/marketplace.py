"""Pilots, their workspace rows, feedback and offerings for tests: one factory per model, and the
short helpers the API, catalogue and security tests build their data with."""

from datetime import date, timedelta
from decimal import Decimal

import factory

from ideas.models import ProposalStatus
from marketplace.models import (
    Feedback,
    Indicator,
    Measurement,
    Milestone,
    Offering,
    Pilot,
    PilotStage,
    PriceModel,
)

from .cms import make_challenge
from .ideas import ProposalFactory
from .partners import OrganisationFactory, UserFactory


def selected_proposal(**kwargs):
    """A selected proposal of `challenge`, or of a new challenge in its piloting phase."""
    if "challenge" not in kwargs:
        kwargs["challenge"] = make_challenge(phase="piloting", title="Piloting challenge")
    return ProposalFactory(status=ProposalStatus.SELECTED, **kwargs)


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilot

    proposal = factory.LazyFunction(selected_proposal)
    title = factory.Sequence(lambda n: f"Pilot {n}")
    public_summary = "What the pilot tries out, written for the public."
    venue = "Espoo City Museum, KAMU"
    start_date = factory.LazyFunction(lambda: date.today() - timedelta(days=30))
    end_date = factory.LazyFunction(lambda: date.today() + timedelta(days=60))
    budget_eur = 20000
    stage = PilotStage.RUNNING
    published = True


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    pilot = factory.SubFactory(PilotFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = factory.LazyAttribute(lambda o: o.pilot.start_date + timedelta(days=7))


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    pilot = factory.SubFactory(PilotFactory)
    name = factory.Sequence(lambda n: f"Visits {n}")
    unit = "visits"
    baseline = Decimal("20")
    target = Decimal("60")
    higher_is_better = True


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    date = factory.LazyAttribute(lambda o: o.indicator.pilot.start_date)
    value = Decimal("42")


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    pilot = factory.SubFactory(PilotFactory)
    user = factory.SubFactory(UserFactory)
    rating = 4
    comment = "Lovely."


class OfferingFactory(factory.django.DjangoModelFactory):
    """An offering by `providers` (one new organisation unless given), tagged with
    `customer_groups` and `themes` only when they are given."""

    class Meta:
        model = Offering
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Offering {n}")
    slug = factory.Sequence(lambda n: f"offering-{n}")
    summary = "A service package."
    price_model = PriceModel.FIXED
    cities = factory.LazyFunction(lambda: ["espoo"])
    languages = factory.LazyFunction(lambda: ["fi", "en"])
    published = True

    @factory.post_generation
    def providers(self, create, extracted, **kwargs):
        if create:
            self.providers.set(extracted if extracted is not None else [OrganisationFactory()])

    @factory.post_generation
    def customer_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.customer_groups.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


def make_pilot(**fields) -> Pilot:
    """A published, running pilot from 1 March to 30 September 2026: dates that do not move
    with today, for the tests that filter or count by them."""
    fields.setdefault("start_date", date(2026, 3, 1))
    fields.setdefault("end_date", date(2026, 9, 30))
    return PilotFactory(**fields)


def add_indicator(pilot, *, measurements=(), **fields) -> Indicator:
    """An indicator of `pilot` with `measurements`, (date, value) pairs."""
    indicator = IndicatorFactory(pilot=pilot, **fields)
    for day, value in measurements:
        MeasurementFactory(indicator=indicator, date=day, value=value)
    return indicator


def add_feedback(pilot, rating: int, **fields) -> Feedback:
    """Feedback on `pilot` from a new resident unless `user` is given."""
    return FeedbackFactory(pilot=pilot, rating=rating, **fields)


def make_offering(**fields) -> Offering:
    """A published, free offering provided in Finnish in Espoo (see OfferingFactory for the rest)."""
    fields.setdefault("price_model", PriceModel.FREE)
    fields.setdefault("languages", ["fi"])
    return OfferingFactory(**fields)
