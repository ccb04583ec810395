"""Challenge pages and taxonomy for tests. Pages are built with add_child and published."""

from datetime import timedelta

import factory
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.models import (
    ChallengeIndexPage,
    ChallengePage,
    CustomerGroup,
    EvaluationCriterion,
    HomePage,
    Theme,
    Unit,
)


class CustomerGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomerGroup

    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    locale = factory.LazyFunction(Locale.get_default)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    locale = factory.LazyFunction(Locale.get_default)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Unit {n}")
    slug = factory.Sequence(lambda n: f"unit-{n}")
    city = "espoo"
    email = factory.Sequence(lambda n: f"unit{n}@tori.example")
    colour = "#00566b"
    locale = factory.LazyFunction(Locale.get_default)


def challenge_index() -> ChallengeIndexPage:
    index = ChallengeIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index:
        return index
    home = HomePage.objects.filter(locale=Locale.get_default()).first() or Page.objects.get(depth=2)
    index = ChallengeIndexPage(title="Challenges", slug="challenges")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def schedule_for(phase: str, now=None, *, voting: bool = True) -> dict:
    """A schedule whose phase at `now` is `phase`: `now` is 5 days into it, periods last 10 days."""
    # Whole minutes, like the admin's date-time fields.
    now = now or timezone.now().replace(second=0, microsecond=0)
    day = timedelta(days=1)
    names = ["proposals_open", "proposals_close"]
    phases = ["upcoming", "proposals"]
    if voting:
        names += ["voting_open", "voting_close"]
        phases += ["voting"]
    names += ["evaluation_end", "pilots_end"]
    phases += ["evaluation", "piloting", "closed"]
    if phase not in phases:
        raise ValueError(f"a challenge without voting has no {phase} phase")
    # The boundary that opens phase i is boundary i-1 (voting opens when proposals close).
    index = phases.index(phase)
    opening = now - 5 * day
    first = opening - (index - 1) * 10 * day if index else now + 5 * day
    sched = {}
    boundary_times = [first + i * 10 * day for i in range(len(phases) - 1)]
    times = iter(boundary_times)
    for name in names:
        if name == "voting_open":
            sched[name] = sched["proposals_close"]
        else:
            sched[name] = next(times)
    if not voting:
        sched.update(voting_open=None, voting_close=None)
    return sched


def make_challenge(
    *,
    phase: str = "proposals",
    title: str = "Challenge",
    voting: bool = True,
    criteria: tuple = (("Impact", 2), ("Feasibility", 1)),
    customer_groups=(),
    themes=(),
    publish: bool = True,
    live: bool | None = None,
    **fields,
) -> ChallengePage:
    """A challenge in `phase`. `publish=False` leaves a draft; `publish=False, live=True` makes a
    live page without publishing a revision (quick, for volume tests)."""
    schedule = schedule_for(phase, voting=voting)
    schedule.update({k: v for k, v in fields.items() if k in schedule})
    other = {k: v for k, v in fields.items() if k not in schedule}
    other.setdefault("summary", f"Summary of {title}")
    # An unpublished challenge is a draft: not live until a revision is published.
    page = ChallengePage(title=title, live=publish if live is None else live, **schedule, **other)
    for order, (name, weight) in enumerate(criteria):
        page.criteria.add(EvaluationCriterion(name=name, weight=weight, sort_order=order))
    challenge_index().add_child(instance=page)
    if customer_groups:
        page.customer_groups.set(customer_groups)
    if themes:
        page.themes.set(themes)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def publish_translation(page, language: str, **fields):
    """Translate a page into `language` (parents are translated too) and publish it."""
    locale = Locale.objects.get(language_code=language)
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def translate_snippet(snippet, language: str, **fields):
    locale = Locale.objects.get(language_code=language)
    translation = snippet.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation
