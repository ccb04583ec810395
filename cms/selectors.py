"""Reads of challenges and taxonomy in the active language, with fallback to the original."""

from collections.abc import Iterable

from django.db.models import Count, Q
from django.utils import timezone, translation
from wagtail.models import Locale

from partners.images import with_renditions

from . import cache
from .localize import localized
from .models import ChallengeIndexPage, ChallengePage, CustomerGroup, Theme, Unit
from .phases import Phase


def active_locale() -> Locale:
    """The active language's Locale (else the default), from a cache: no query per call."""
    return cache.active_locale()


def url_in_active_language(page, request=None, *, parent_url: str | None = None) -> str:
    """The page's URL under the active language's prefix.

    A translation has its own URL; an original shown because its translation is missing gets
    the active language's prefix (`/sv/...`), which the fallback routing serves. With
    `parent_url` (the parent's address in the active language) it goes under that instead."""
    language = translation.get_language() or ""
    if parent_url and page.locale.language_code != language:
        return f"{parent_url}{page.slug}/"
    url = page.get_url(request)
    if not url:
        return ""
    prefix = f"/{page.locale.language_code}/"
    if language and url.startswith(prefix):
        return f"/{language}/{url[len(prefix) :]}"
    return url


def localized_in_bulk(objects: Iterable, model, locale: Locale | None = None) -> dict[int, object]:
    """{object pk: its translation in `locale`, else the object itself}, in one query."""
    objects = list(objects)
    locale = locale or active_locale()
    keys = {o.translation_key for o in objects if o.locale_id != locale.pk}
    translations = {}
    if keys:
        translations = {
            t.translation_key: t
            for t in model.objects.filter(locale=locale, translation_key__in=keys)
        }
    return {
        o.pk: o if o.locale_id == locale.pk else translations.get(o.translation_key, o)
        for o in objects
    }


def taxonomy_choices(model) -> list[tuple[str, str]]:
    """(slug, name) of each snippet once: the active language's version, else the original."""
    return cache.cached_chrome(
        "taxonomy", lambda: _taxonomy_choices(model), model._meta.label_lower
    )


def _taxonomy_choices(model) -> list[tuple[str, str]]:
    locale = active_locale()
    default = cache.default_locale()
    rows = model.objects.filter(
        Q(locale=locale)
        | Q(locale=default)
        & ~Q(translation_key__in=model.objects.filter(locale=locale).values("translation_key"))
    ).order_by("name")
    return [(row.slug, row.name) for row in rows]


def localized_challenges(*, index=None, locale: Locale | None = None):
    """Live public challenges, each once: its translation in `locale` when live, else the original.

    With `index`, only the challenges under that index page or its translations."""
    locale = locale or active_locale()
    default = cache.default_locale()
    base = ChallengePage.objects.live().public()
    if index is not None:
        parents = index.get_translations(inclusive=True).values_list("path", "depth")
        under = Q(pk__in=[])
        for path, depth in parents:
            under |= Q(path__startswith=path, depth=depth + 1)
        base = base.filter(under)
    translated = base.filter(locale=locale).values("translation_key")
    return base.filter(
        Q(locale=locale) | Q(locale=default) & ~Q(translation_key__in=translated)
    ).select_related("locale")


def challenge_cards(challenges, *, request=None, now=None, index_url=None) -> list[dict]:
    """What the listing shows of each challenge; snippet names in the active language."""
    now = now or timezone.now()
    challenges = list(
        with_renditions(challenges, "hero_image").prefetch_related("customer_groups", "themes")
    )
    groups = localized_in_bulk(
        {g for c in challenges for g in c.customer_groups.all()}, CustomerGroup
    )
    themes = localized_in_bulk({t for c in challenges for t in c.themes.all()}, Theme)
    cards = []
    for challenge in challenges:
        phase = challenge.phase_at(now)
        cards.append(
            {
                "page": challenge,
                "url": url_in_active_language(challenge, request, parent_url=index_url),
                "phase": phase,
                "phase_label": Phase(phase).label,
                "next_deadline": challenge.next_deadline_at(now),
                "customer_groups": sorted(
                    (groups[g.pk] for g in challenge.customer_groups.all()), key=lambda g: g.name
                ),
                "themes": sorted(
                    (themes[t.pk] for t in challenge.themes.all()), key=lambda t: t.name
                ),
            }
        )
    return cards


def challenge_listing(*, index, data, request=None) -> dict:
    """The challenge index page's filtered, sorted listing."""
    from .filters import ChallengeFilter

    now = timezone.now()
    filterset = ChallengeFilter(
        data or None, queryset=localized_challenges(index=index), request=request, now=now
    )
    challenges = filterset.qs.by_next_deadline(now)
    index_url = url_in_active_language(index, request)
    return {
        "filter": filterset,
        "challenges": challenge_cards(challenges, request=request, now=now, index_url=index_url),
        "feed_urls": {
            "rss": index_url + index.reverse_subpage("feed-rss"),
            "atom": index_url + index.reverse_subpage("feed-atom"),
        },
    }


def challenge_index_for_active_language():
    """The challenge index in the active language, else the original (for the main menu)."""
    locale = active_locale()
    indexes = list(
        ChallengeIndexPage.objects.live()
        .public()
        .filter(Q(locale=locale) | Q(locale=cache.default_locale()))
        .select_related("locale")
    )
    indexes.sort(key=lambda page: (page.locale_id != locale.pk, page.path))
    return indexes[0] if indexes else None


def challenge_detail(page: ChallengePage, *, request=None) -> dict:
    """What the challenge page shows besides its own fields."""
    from .actions import actions_now

    now = timezone.now()
    original = page.original

    def published_parts() -> dict:
        # Criteria, groups and themes change only when the page is published or a snippet
        # changes: both bump the cache version (cms.cache).
        groups = list(page.customer_groups.all())
        themes = list(page.themes.all())
        localized_groups = localized_in_bulk(groups, CustomerGroup)
        localized_themes = localized_in_bulk(themes, Theme)
        unit = page.unit
        if unit is not None:
            unit = localized(unit)
            unit.logo  # noqa: B018 - read with the cached parts, not while rendering
        return {
            "unit": unit,
            "criteria": list(page.criteria.all()),
            "customer_groups": sorted(
                (localized_groups[g.pk] for g in groups), key=lambda g: g.name
            ),
            "themes": sorted((localized_themes[t.pk] for t in themes), key=lambda t: t.name),
        }

    parts = cache.cached_chrome("challenge-detail", published_parts, page.pk)
    return {
        "now": now,
        "original": original,
        "phase": page.phase_at(now),
        "next_deadline": page.next_deadline_at(now),
        "timeline": page.timeline(now),
        "role_actions": actions_now(page, now),
        **parts,
        # Proposals attach to the original (default-language) page: a reverse relation from ideas.
        "public_proposal_count": original.proposals.public().count(),
    }


def open_challenge_cards(*, request=None, limit: int = 4) -> list[dict]:
    """The home page's challenges that take part now (proposals or voting), next deadline first."""
    now = timezone.now()
    challenges = (
        localized_challenges().in_phase("proposals", "voting", now=now).by_next_deadline(now)
    )
    return challenge_cards(challenges[:limit], request=request, now=now)


def unit_counts_by_city() -> dict[str, int]:
    """{city code: how many organising units} for the cities that have one (one query; a unit
    and its translations count once)."""
    rows = (
        Unit.objects.values("city")
        .annotate(n=Count("translation_key", distinct=True))
        .order_by("city")
    )
    return {row["city"]: row["n"] for row in rows}
