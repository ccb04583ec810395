"""Challenges as real Wagtail pages (under the challenge index), with their taxonomy."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale, Page

from cms.models import (
    ChallengeIndexPage,
    ChallengePage,
    CustomerGroup,
    EvaluationCriterion,
    HomePage,
    Theme,
)

from .bulk import Progress, Run
from .text import text

VOTES_PER_RESIDENT = 3


def challenge_index() -> ChallengeIndexPage:
    locale = Locale.get_default()
    index = ChallengeIndexPage.objects.filter(locale=locale).first()
    if index:
        return index
    home = HomePage.objects.filter(locale=locale).first() or Page.objects.get(depth=2)
    index = ChallengeIndexPage(title="Challenges", slug="challenges")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def schedule(phase: str, now) -> dict:
    """Voting open now ("voting"), or voting 20 days over and pilots running ("piloting")."""
    shift = {"voting": 0, "piloting": 20}[phase]
    day = timedelta(days=1)
    base = now.replace(second=0, microsecond=0) - shift * day
    return {
        "proposals_open": base - 20 * day,
        "proposals_close": base - 5 * day,
        "voting_open": base - 5 * day,
        "voting_close": base + 5 * day,
        "evaluation_end": base + 15 * day,
        "pilots_end": base + 25 * day + (shift * day),
    }


def make_challenge(*, title: str, slug: str, phase: str, groups=(), themes=()) -> ChallengePage:
    page = ChallengePage(
        title=title,
        slug=slug,
        summary=text(len(slug), 20),
        votes_per_resident=VOTES_PER_RESIDENT,
        proposals_public=True,
        **schedule(phase, timezone.now()),
    )
    page.criteria.add(EvaluationCriterion(name="Impact", weight=1, sort_order=0))
    challenge_index().add_child(instance=page)
    if groups:
        page.customer_groups.set(groups)
    if themes:
        page.themes.set(themes)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def taxonomy(tag: str):
    """Customer groups and themes of the default locale (a few are created when none exist)."""
    locale = Locale.get_default()
    groups = list(CustomerGroup.objects.filter(locale=locale)[:6])
    if not groups:
        groups = [
            CustomerGroup.objects.create(locale=locale, name=f"Group {i}", slug=f"{tag}-group-{i}")
            for i in range(6)
        ]
    themes = list(Theme.objects.filter(locale=locale)[:6])
    if not themes:
        themes = [
            Theme.objects.create(locale=locale, name=f"Theme {i}", slug=f"{tag}-theme-{i}")
            for i in range(6)
        ]
    return groups, themes


def add_challenges(run: Run, count: int, *, groups, themes) -> list[ChallengePage]:
    """Every other challenge is in voting, the rest are piloting."""
    progress = Progress(run.stream, "challenges", count)
    pages = []
    for i in range(count):
        pages.append(
            make_challenge(
                title=f"Challenge {run.tag}-{i}: {text(i, 3)}",
                slug=f"{run.tag}-challenge-{i}",
                phase="voting" if i % 2 == 0 else "piloting",
                groups=[groups[i % len(groups)]],
                themes=[themes[i % len(themes)]],
            )
        )
        progress.advance(1)
    return pages
