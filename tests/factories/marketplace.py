"""Pilots, their workspace rows, feedback and offerings for tests."""

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
    kwargs.setdefault("challenge", make_challenge(phase="piloting", title="Piloting challenge"))
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
