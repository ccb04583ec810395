"""Challenges: one entry per translation group of live, public challenge pages, the
default-locale original's, its translated pages as its translations."""

from __future__ import annotations

from collections.abc import Iterator

from wagtail.models import Locale

from cms.localize import item_slugs
from cms.models import ChallengePage

from ..models import EntryKind
from .entry import LANGUAGE_CODES, SCHEDULE_FIELDS, EntryData
from .texts import SnippetNames, language_versions


def challenge_queryset():
    return (
        ChallengePage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related("customer_groups", "themes")
    )


def _stream_text(page: ChallengePage) -> str:
    try:
        parts = page.body.stream_block.get_searchable_content(page.body)
    except Exception:  # noqa: BLE001 - a block that cannot give text must not stop indexing
        parts = []
    return " ".join(str(p) for p in parts)


def canonical_challenge(pages: list[ChallengePage]) -> ChallengePage | None:
    """The entry's page in a translation group: the default-locale original when live, else
    the oldest live translation."""
    if not pages:
        return None
    default = Locale.get_default().pk
    originals = [p for p in pages if p.locale_id == default]
    return originals[0] if originals else min(pages, key=lambda p: p.pk)


def _page_text(page: ChallengePage) -> dict[str, str]:
    return {
        "title": page.title,
        "summary": page.summary,
        "owner_unit": page.owner_unit,
        "body": _stream_text(page),
    }


def challenge_entry(
    pages: list[ChallengePage], names: SnippetNames | None = None
) -> EntryData | None:
    """The entry of a translation group of live, public challenge pages: the original page's
    text, and each translated page's as a translation."""
    original = canonical_challenge(pages)
    if original is None:
        return None
    by_language = {p.locale.language_code: p for p in pages}
    texts = language_versions(
        ChallengePage,
        _page_text(original),
        language=original.locale.language_code,
        translations={
            code: _page_text(page) for code, page in by_language.items() if page != original
        },
    )
    entry = EntryData(
        kind=EntryKind.CHALLENGE,
        object_id=original.pk,
        language=original.locale.language_code,
        texts=texts,
        urls={code: by_language.get(code, original).get_url() or "" for code in LANGUAGE_CODES},
        date=original.proposals_open,
        customer_groups=item_slugs(original.customer_groups.all()),
        themes=item_slugs(original.themes.all()),
        schedule={name: getattr(original, name) for name in SCHEDULE_FIELDS},
    )
    return (names or SnippetNames()).label(entry)


def challenge_group(page) -> tuple[list[int], list[ChallengePage]]:
    """Every page id of a challenge's translation group, and its live public pages."""
    ids = list(
        ChallengePage.objects.filter(translation_key=page.translation_key).values_list(
            "pk", flat=True
        )
    )
    live = list(challenge_queryset().filter(translation_key=page.translation_key))
    return ids, live


class Challenges:
    """The reader of challenge entries, with the interface of `RowReader`'s."""

    kind = EntryKind.CHALLENGE

    def entries(self, names: SnippetNames | None = None) -> Iterator[EntryData]:
        names = names or SnippetNames()
        groups: dict = {}
        for page in challenge_queryset().order_by("pk"):
            groups.setdefault(page.translation_key, []).append(page)
        for pages in groups.values():
            entry = challenge_entry(pages, names)
            if entry:
                yield entry

    def build(self, object_id: int) -> EntryData | None:
        """The entry of a page, None unless it is its group's canonical live page."""
        page = ChallengePage.objects.filter(pk=object_id).first()
        if page is None:
            return None
        _ids, live = challenge_group(page)
        entry = challenge_entry(live)
        return entry if entry and entry.object_id == object_id else None

    def count(self) -> int:
        return challenge_queryset().values("translation_key").distinct().count()
