"""The catalogue's hit cards show the image of the object each hit stands for, read after the
search (the index holds no images): the offering's image, the proposal's cover, the pilot's
first photo, the challenge's hero in the language asked. Alternative text comes with it, ""
for a decorative image; a hit without an image has no picture at all; only what is public
gives an image; and the page's query count does not grow with the number of hits."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import ChallengePage
from ideas.models import Proposal, ProposalStatus
from marketplace.models import Offering, PilotPhoto
from search import indexing
from search.catalogue import search
from search.documents import EntryData, TextVersion
from search.engines import database as db_index
from search.hit_images import attach_images
from search.query import CatalogueQuery, Hit
from tests.factories.cms import make_challenge, publish_translation
from tests.factories.ideas import ProposalFactory
from tests.factories.images import make_image
from tests.factories.marketplace import make_offering, make_pilot

from .conftest import ENGINES

pytestmark = pytest.mark.django_db


@pytest.fixture(params=ENGINES)
def engine(request, catalogue):
    name = request.param
    if name == "elasticsearch":
        indexing.rebuild(engine="elasticsearch")
    return name


def _articles(body: str) -> dict[str, str]:
    """{hit title: its card's HTML}."""
    cards = re.findall(r"<article class=\"card catalogue-hit.*?</article>", body, re.S)
    return {re.search(r"<h3>(?:<a [^>]*>)?(.*?)<", card).group(1): card for card in cards}


def _hit(kind: str, object_id: int) -> Hit:
    return Hit(
        kind=kind,
        id=object_id,
        title="",
        summary="",
        url="",
        highlight="",
        customer_groups=[],
        themes=[],
        stage=None,
        cities=[],
        year=2026,
        vote_count=0,
    )


def test_each_hit_shows_its_objects_image_and_alt(client, catalogue):
    # Images added after indexing: nothing is reindexed, the page still shows them.
    Offering.objects.filter(pk=catalogue["offering"].pk).update(
        image=make_image("walk"), image_alt="Walkers carrying lanterns"
    )
    Proposal.objects.filter(pk=catalogue["public"].pk).update(
        cover_image=make_image("pattern"), cover_image_decorative=True
    )
    ChallengePage.objects.filter(pk=catalogue["challenge"].pk).update(
        hero_image=make_image("hall"), hero_image_alt="The museum hall at night"
    )
    pilot = catalogue["pilot"]
    PilotPhoto.objects.create(
        pilot=pilot, image=make_image("later"), alt_text="Later", sort_order=2
    )
    first = PilotPhoto.objects.create(
        pilot=pilot, image=make_image("mats"), alt_text="Yoga mats among statues", sort_order=1
    )

    response = client.get("/en/catalogue/", {"page_size": "100"})

    hits = {(hit.kind, hit.id): hit for hit in response.context["result"].hits}
    offering = hits[("offering", catalogue["offering"].pk)]
    assert offering.image.title == "walk" and offering.image_alt == "Walkers carrying lanterns"
    proposal = hits[("proposal", catalogue["public"].pk)]
    assert proposal.image.title == "pattern" and proposal.image_alt == ""
    assert hits[("pilot", pilot.pk)].image == first.image
    assert hits[("challenge", catalogue["challenge"].pk)].image.title == "hall"
    assert hits[("offering", catalogue["app"].pk)].image is None

    cards = _articles(response.content.decode())
    assert 'alt="Walkers carrying lanterns"' in cards["Lantern walks"]
    assert '<img alt=""' in cards["Evening tours"]
    assert 'alt="Yoga mats among statues"' in cards["Yoga pilot"]
    assert 'alt="The museum hall at night"' in cards["Museum nights"]
    assert "<picture" not in cards["Museum app"] and "<img" not in cards["Museum app"]
    assert "<picture" not in cards["Family quiz"]


def test_either_engines_hits_get_the_images_of_their_objects(engine, catalogue):
    Offering.objects.filter(pk=catalogue["offering"].pk).update(
        image=make_image("walk"), image_alt="Walkers carrying lanterns"
    )
    Proposal.objects.filter(pk=catalogue["public"].pk).update(
        cover_image=make_image("pattern"), cover_image_decorative=True
    )
    ChallengePage.objects.filter(pk=catalogue["challenge"].pk).update(
        hero_image=make_image("hall"), hero_image_alt="The museum hall at night"
    )

    result = search(CatalogueQuery(text="lantern", language="en"), engine=engine)
    attach_images(result.hits)

    shown = {
        (hit.kind, hit.id): (hit.image and hit.image.title, hit.image_alt) for hit in result.hits
    }
    assert shown == {
        ("offering", catalogue["offering"].pk): ("walk", "Walkers carrying lanterns"),
        ("proposal", catalogue["public"].pk): ("pattern", ""),
        ("challenge", catalogue["challenge"].pk): ("hall", "The museum hall at night"),
    }


def test_the_challenge_hit_shows_the_hero_of_the_language_asked(client, catalogue):
    challenge = ChallengePage.objects.get(pk=catalogue["challenge"].pk)  # the Finnish original
    ChallengePage.objects.filter(pk=challenge.pk).update(
        hero_image=make_image("sali"), hero_image_alt="Museosali illalla"
    )
    publish_translation(
        challenge, "en", hero_image=make_image("hall"), hero_image_alt="The museum hall at night"
    )

    english = client.get("/en/catalogue/", {"kind": "challenge"}).content.decode()
    finnish = client.get("/fi/catalogue/", {"kind": "challenge"}).content.decode()
    swedish = client.get("/sv/catalogue/", {"kind": "challenge"}).content.decode()

    assert 'alt="The museum hall at night"' in english and "Museosali" not in english
    assert 'alt="Museosali illalla"' in finnish and "museum hall" not in finnish
    # No Swedish version: the original's hero, as its text is.
    assert 'alt="Museosali illalla"' in swedish


def test_an_image_comes_only_from_the_public_object_the_hit_stands_for(catalogue):
    cover = make_image("draft cover")
    draft = catalogue["draft"]
    Proposal.objects.filter(pk=draft.pk).update(cover_image=cover, cover_image_alt="Secret")
    Proposal.objects.filter(pk=catalogue["confidential"].pk).update(
        cover_image=cover, cover_image_alt="Secret"
    )
    Offering.objects.filter(pk=catalogue["hidden_offering"].pk).update(
        image=cover, image_alt="Secret"
    )
    # A hero saved in an unpublished revision is the draft's, not the live page's.
    challenge = ChallengePage.objects.get(pk=catalogue["challenge"].pk)
    challenge.hero_image = cover
    challenge.hero_image_alt = "Secret"
    challenge.save_revision()
    unpublished = make_challenge(title="Draft", publish=False, hero_image=cover, hero_image_alt="S")
    pilot = catalogue["pilot"]
    PilotPhoto.objects.create(pilot=pilot, image=cover, alt_text="Secret")
    type(pilot).objects.filter(pk=pilot.pk).update(published=False)

    # Entries an index could still hold a moment after the objects stopped being public.
    hits = [
        _hit("proposal", draft.pk),
        _hit("proposal", catalogue["confidential"].pk),
        _hit("offering", catalogue["hidden_offering"].pk),
        _hit("challenge", challenge.pk),
        _hit("challenge", unpublished.pk),
        _hit("pilot", pilot.pk),
    ]
    attach_images(hits)

    assert [(hit.image, hit.image_alt) for hit in hits] == [(None, "")] * len(hits)


def _volume(n: int, images: list, challenge, start: int) -> list[EntryData]:
    """`n` catalogue entries for real public objects of all four kinds, each with an image."""
    now = timezone.now()
    made = []
    for i in range(start, start + n):
        image = images[i % len(images)]
        kind = ("offering", "proposal", "pilot", "challenge")[i % 4]
        if kind == "offering":
            obj = make_offering(image=image, image_alt=f"Image {i}")
        elif kind == "proposal":
            obj = ProposalFactory(
                challenge=challenge, cover_image=image, cover_image_decorative=True
            )
        elif kind == "pilot":
            selected = ProposalFactory(challenge=challenge, status=ProposalStatus.SELECTED)
            obj = make_pilot(proposal=selected)
            PilotPhoto.objects.create(pilot=obj, image=image, alt_text=f"Photo {i}")
        else:
            obj = make_challenge(
                title=f"C{i}", publish=False, live=True, hero_image=image, hero_image_alt="Hero"
            )
        made.append((kind, obj.pk))
    return [
        EntryData(
            kind=kind,
            object_id=pk,
            language="en",
            texts=[TextVersion("en", f"Lantern {pk}", "Walks for seniors", "")],
            urls={"en": f"/en/o/{pk}/"},
            date=now,
        )
        for kind, pk in made
    ]


def test_query_count_with_images_is_the_same_for_5_and_100_hits(client, settings):
    # No rendition cache: the renditions come from the database, as on a cold cache.
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {**settings.CACHES, "renditions": dummy}
    images = [make_image(f"shared {i}") for i in range(3)]
    host = make_challenge(phase="piloting", title="Host")
    counts = []
    for n in (5, 100):
        db_index.replace_all(_volume(n, images, host, start=n))
        client.get("/en/catalogue/", {"page_size": "100"})  # renditions are made on first view
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/catalogue/", {"page_size": "100"})
        assert response.content.decode().count("<picture>") == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
