"""The images of a page of catalogue hits, read from the objects the hits stand for.

The index holds no images: after an engine has answered, `attach_images(hits)` reads the
image of each hit's object — one query per kind of entry on the page, the image joined in
(challenges also read Wagtail's view restrictions, once), and one query for all their
renditions — and sets `hit.image` (a Wagtail image, or None)
and `hit.image_alt` ("" for a decorative image). Each kind reads only the public objects
the catalogue lists (live public challenges, public proposals, published pilots and
offerings), so an image never comes from anything a visitor could not open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import OuterRef, Q, Subquery

from cms.cache import active_locale
from cms.models import ChallengePage
from ideas.models import Proposal
from marketplace.models import Offering, Pilot, PilotPhoto
from partners.images import prefetch_renditions

from .models import EntryKind
from .query import Hit

# (image, alternative text) of an object, by its id.
Found = dict[int, tuple[object, str]]


def _offerings(ids: list[int]) -> Found:
    offerings = Offering.objects.published().filter(pk__in=ids, image__isnull=False)
    return {o.pk: (o.image, o.image_alt_text) for o in offerings.select_related("image")}


def _proposals(ids: list[int]) -> Found:
    proposals = Proposal.objects.public().filter(pk__in=ids, cover_image__isnull=False)
    return {
        p.pk: (p.cover_image, p.cover_image_alt_text)
        for p in proposals.select_related("cover_image")
    }


def _pilots(ids: list[int]) -> Found:
    """Each pilot's first photo, the one its card shows."""
    first = PilotPhoto.objects.filter(pilot=OuterRef("pilot")).order_by("sort_order", "pk")
    photos = PilotPhoto.objects.filter(
        pilot__in=Pilot.objects.published().filter(pk__in=ids),
        pk=Subquery(first.values("pk")[:1]),
    ).select_related("image")
    return {photo.pilot_id: (photo.image, photo.alt) for photo in photos}


def _challenges(ids: list[int]) -> Found:
    """A challenge's hit stands for its translation group (under the original's id): the hero
    of the live translation in the active language, else the original's."""
    locale = active_locale()
    originals = ChallengePage.objects.filter(pk__in=ids).values("translation_key")
    pages = (
        ChallengePage.objects.live()
        .public()
        .filter(Q(pk__in=ids) | Q(locale=locale, translation_key__in=originals))
        .select_related("hero_image")
    )
    pages = list(pages)
    translated = {p.translation_key: p for p in pages if p.locale_id == locale.pk}
    found: Found = {}
    for page in pages:
        if page.pk not in ids:
            continue
        shown = translated.get(page.translation_key, page)
        if shown.hero_image_id:
            found[page.pk] = (shown.hero_image, shown.hero_image_alt_text)
    return found


LOADERS = {
    EntryKind.OFFERING.value: _offerings,
    EntryKind.PROPOSAL.value: _proposals,
    EntryKind.PILOT.value: _pilots,
    EntryKind.CHALLENGE.value: _challenges,
}


def attach_images(hits: Iterable[Hit]) -> None:
    """Give each hit its object's image and alternative text: a query per kind on the page
    (and the view restrictions for challenges) and one for the renditions, however many hits."""
    hits = list(hits)
    ids_by_kind: dict[str, list[int]] = defaultdict(list)
    for hit in hits:
        if hit.kind in LOADERS:
            ids_by_kind[hit.kind].append(hit.id)
    found = {
        (kind, object_id): image_and_alt
        for kind, ids in ids_by_kind.items()
        for object_id, image_and_alt in LOADERS[kind](ids).items()
    }
    prefetch_renditions([image for image, _alt in found.values()])
    for hit in hits:
        hit.image, hit.image_alt = found.get((hit.kind, hit.id), (None, ""))
