"""Indexing: one object, a bulk rebuild, a consistency check.

The database index is always kept (the default engine, and the fallback when Elasticsearch
is down); the Elasticsearch index too when ELASTICSEARCH_URL is set. An unreachable
Elasticsearch never breaks a write: the error is logged and `search_index --check` reports
the difference later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction

from cms.models import ChallengePage
from ideas.models import Proposal
from marketplace.models import Offering, Pilot

from . import documents
from .catalogue import elasticsearch_enabled, get_engine
from .engines import SearchUnavailable
from .engines import database as db_index
from .models import CatalogueEntry, EntryKind

logger = logging.getLogger(__name__)


def _engines():
    engines = [db_index]
    if elasticsearch_enabled():
        engines.append(get_engine("elasticsearch"))
    return engines


def write(entries: list[documents.EntryData]) -> None:
    if not entries:
        return
    for engine in _engines():
        try:
            engine.write(entries)
        except SearchUnavailable as error:
            logger.warning("Search index not updated (%s): %s", [e.key for e in entries], error)


def remove(keys: list[tuple[str, int]]) -> None:
    if not keys:
        return
    for engine in _engines():
        try:
            engine.remove(keys)
        except SearchUnavailable as error:
            logger.warning("Search entries not removed (%s): %s", keys, error)


# --- One object --------------------------------------------------------------------------


def refresh_challenge(*, translation_key: str, page_ids: Iterable[int] = ()) -> None:
    """Bring a challenge's translation group up to date: one entry for the group's canonical
    live page, none for any other page of the group."""
    ids = set(
        ChallengePage.objects.filter(translation_key=translation_key).values_list("pk", flat=True)
    )
    ids |= {int(i) for i in page_ids}
    live = list(documents.challenge_queryset().filter(translation_key=translation_key))
    entry = documents.challenge_entry(live)
    remove(
        [
            (EntryKind.CHALLENGE.value, i)
            for i in sorted(ids)
            if entry is None or i != entry.object_id
        ]
    )
    if entry is not None:
        write([entry])


def refresh(kind: str, object_id: int) -> bool:
    """Index one object as it is now; remove its entry if it is gone or no longer public.
    Answers whether it is indexed."""
    if kind == EntryKind.CHALLENGE:
        page = ChallengePage.objects.filter(pk=object_id).only("translation_key").first()
        if page is None:
            remove([(kind, object_id)])
            return False
        refresh_challenge(translation_key=str(page.translation_key), page_ids=[object_id])
        return CatalogueEntry.objects.filter(kind=kind, object_id=object_id).exists()
    entry = documents.build(kind, object_id)
    if entry is None:
        remove([(kind, object_id)])
        return False
    write([entry])
    return True


def vote_counts_changed(proposal_ids: list[int]) -> None:
    """Copy proposals' vote counts into their entries. The database index does it at once, in
    the transaction that changed the counts (one UPDATE, no commit of its own); Elasticsearch
    after that transaction commits."""
    db_index.set_vote_counts(proposal_ids)
    if elasticsearch_enabled():
        engine = get_engine("elasticsearch")

        def run():
            try:
                engine.set_vote_counts(proposal_ids)
            except SearchUnavailable as error:
                logger.warning("Vote counts of %s not indexed: %s", proposal_ids, error)

        transaction.on_commit(run)


# --- After commit ------------------------------------------------------------------------

_paused: ContextVar[bool] = ContextVar("search_index_paused", default=False)


@contextmanager
def paused() -> Iterator[None]:
    """Changes made inside do not reach the index: for bulk loads followed by a rebuild
    (`seed_scale`), which would otherwise refresh every object one by one."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _after_commit(kind: str, object_id: int) -> None:
    """Removals happen at once; additions and updates go through the task queue (immediate on
    a laptop, a worker at scale)."""
    from .tasks import index_object

    try:
        if kind == EntryKind.CHALLENGE or documents.build(kind, object_id) is None:
            refresh(kind, object_id)
        else:
            index_object.enqueue(kind, object_id)
    except Exception:  # noqa: BLE001 - the change is committed; the index must not break the request
        logger.exception("Indexing %s %s failed; run search_index --check", kind, object_id)


def schedule(kind: str, object_id: int | None) -> None:
    """Refresh an object's entry once the current transaction commits."""
    if object_id is None or _paused.get():
        return
    transaction.on_commit(lambda: _after_commit(str(kind), int(object_id)))


def schedule_removal(kind: str, object_id: int | None) -> None:
    if object_id is None or _paused.get():
        return
    transaction.on_commit(lambda: remove([(str(kind), int(object_id))]))


def schedule_challenge(page, *, removed: bool = False) -> None:
    """A challenge page changed: its translation group, the group's proposals (they attach
    to the default-language page; a private translation makes them confidential) and their
    pilots."""
    if _paused.get():
        return
    translation_key = str(page.translation_key)
    page_id = page.pk

    def run():
        try:
            refresh_challenge(translation_key=translation_key, page_ids=[page_id])
            if not removed:
                refresh_related(
                    proposals=Proposal.objects.filter(challenge__translation_key=translation_key)
                )
        except Exception:  # noqa: BLE001
            logger.exception("Indexing challenge %s failed; run search_index --check", page_id)

    transaction.on_commit(run)


def refresh_related(*, proposals=None, offerings=None) -> None:
    """Refresh proposals (and their pilots) and offerings given as querysets."""
    keys: list[tuple[str, int]] = []
    if proposals is not None:
        ids = list(proposals.values_list("pk", flat=True))
        keys += [(EntryKind.PROPOSAL.value, i) for i in ids]
        keys += [
            (EntryKind.PILOT.value, i)
            for i in Pilot.objects.filter(proposal_id__in=ids).values_list("pk", flat=True)
        ]
    if offerings is not None:
        keys += [(EntryKind.OFFERING.value, i) for i in offerings.values_list("pk", flat=True)]
    for kind, object_id in keys:
        refresh(kind, object_id)


def schedule_organisation(organisation_id: int) -> None:
    if _paused.get():
        return

    def run():
        try:
            refresh_related(
                proposals=Proposal.objects.filter(lead_organisation_id=organisation_id)
                | Proposal.objects.filter(team__organisation_id=organisation_id),
                offerings=Offering.objects.filter(providers__id=organisation_id),
            )
        except Exception:  # noqa: BLE001
            logger.exception(
                "Indexing organisation %s failed; run search_index --check", organisation_id
            )

    transaction.on_commit(run)


# --- Everything --------------------------------------------------------------------------


def rebuild(
    *, engine: str = "database", progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    target = db_index if engine == "database" else get_engine(engine)
    return target.replace_all(documents.iter_all(), progress=progress)


@dataclass
class CheckReport:
    missing: list[tuple[str, int]] = field(default_factory=list)
    extra: list[tuple[str, int]] = field(default_factory=list)
    stale: list[tuple[str, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.stale)


def check(
    *, engine: str = "database", progress: Callable[[int], None] | None = None
) -> CheckReport:
    """Compare the index with what it should hold now."""
    target = db_index if engine == "database" else get_engine(engine)
    indexed = target.fingerprints()
    report = CheckReport()
    seen = set()
    for entry in documents.iter_all():
        seen.add(entry.key)
        if progress:
            progress(1)
        if entry.key not in indexed:
            report.missing.append(entry.key)
        elif indexed[entry.key] != (entry.fingerprint(), entry.vote_count):
            report.stale.append(entry.key)
    report.extra = sorted(key for key in indexed if key not in seen)
    return report
