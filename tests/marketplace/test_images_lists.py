"""Lists with images keep one query count however many rows: the pilot list with photos,
the offering list with images, the organisation directory with logos; and the pilot page
shows its photos as a gallery, captions and alt text in the language asked."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.models import PilotPhoto
from tests.factories.cms import make_challenge
from tests.factories.images import make_image
from tests.factories.marketplace import make_offering, make_pilot, selected_proposal
from tests.factories.partners import OrganisationFactory

pytestmark = pytest.mark.django_db


def _count(client, url, *, pictures):
    client.get(url)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    assert body.count("<picture>") >= pictures
    return len(ctx)


def _photographed_pilot(challenge):
    pilot = make_pilot(proposal=selected_proposal(challenge=challenge))
    for order in (1, 2):
        PilotPhoto.objects.create(
            pilot=pilot, image=make_image(f"p{order}"), alt_text=f"Photo {order}", sort_order=order
        )
    return pilot


def test_the_pilot_list_with_photos(client):
    challenge = make_challenge(phase="piloting")
    for _ in range(2):
        _photographed_pilot(challenge)
    small = _count(client, "/en/pilots/", pictures=2)
    for _ in range(8):
        _photographed_pilot(challenge)
    assert _count(client, "/en/pilots/", pictures=10) == small


def test_the_offering_list_with_images(client):
    def add(n):
        for i in range(n):
            make_offering(image=make_image(f"o{i}"), image_alt="A van")

    add(2)
    small = _count(client, "/en/offerings/", pictures=2)
    add(8)
    assert _count(client, "/en/offerings/", pictures=10) == small


def test_the_organisation_directory_with_logos(client):
    def add(n):
        for i in range(n):
            OrganisationFactory(logo=make_image(f"l{i}"), logo_alt="Logo")

    add(2)
    small = _count(client, "/en/organisations/", pictures=2)
    add(8)
    assert _count(client, "/en/organisations/", pictures=10) == small


def test_the_pilot_page_gallery_in_the_language_asked(client):
    pilot = make_pilot()
    PilotPhoto.objects.create(
        pilot=pilot,
        image=make_image("gallery", width=1200, height=900),
        alt_text="Visitors at the desk",
        caption="Opening day",
        language="en",
        translations={"fi": {"alt_text": "Kävijöitä tiskillä", "caption": "Avajaispäivä"}},
    )
    PilotPhoto.objects.create(pilot=pilot, image=make_image("pattern"), decorative=True)
    body = client.get(f"/fi{pilot.get_absolute_url()[3:]}").content.decode()
    assert 'alt="Kävijöitä tiskillä"' in body and "Avajaispäivä" in body
    assert '<img alt=""' in body
    assert 'loading="lazy"' in body and 'type="image/avif"' in body
