"""The API gives public objects' images with their alternative text; never a confidential
proposal's cover; lists with images keep one query count for 5 items and 100."""

import pytest

from ideas.models import Proposal
from marketplace.api.fields import API_RENDITION
from marketplace.models import PilotPhoto
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.images import make_image
from tests.factories.marketplace import make_offering, make_pilot
from tests.factories.partners import OrganisationFactory

from .test_query_counts import assert_constant

pytestmark = pytest.mark.django_db


def _image(title="Photo"):
    image = make_image(title, width=300, height=200)
    image.get_rendition(API_RENDITION)  # made on first use; the counts are of a warm site
    return image


def test_a_public_proposals_cover_with_its_alt_text_in_the_language_asked(client):
    challenge = make_challenge()
    image = _image()
    ProposalFactory(
        challenge=challenge,
        cover_image=image,
        cover_image_alt="A bench",
        translations={"fi": {"cover_image_alt": "Penkki"}},
    )
    hidden = ProposalFactory(challenge=challenge, status="draft")
    Proposal.objects.filter(pk=hidden.pk).update(
        cover_image=_image("Secret"), cover_image_decorative=True
    )
    data = client.get("/api/v1/proposals/", {"lang": "fi"}).json()["results"]
    assert len(data) == 1
    cover = data[0]["cover_image"]
    assert cover["alt"] == "Penkki" and cover["decorative"] is False
    assert cover["url"].startswith("http") and cover["width"] == 300
    assert "Secret" not in client.get("/api/v1/proposals/").content.decode()


def test_decorative_images_have_empty_alt_and_objects_without_one_null(client):
    make_offering(image=_image(), image_decorative=True)
    make_offering()
    images = [o["image"] for o in client.get("/api/v1/offerings/").json()["results"]]
    assert {"alt": "", "decorative": True}.items() <= next(i for i in images if i).items()
    assert None in images


def test_pilot_photos_in_order(client):
    pilot = make_pilot()
    PilotPhoto.objects.create(pilot=pilot, image=_image("two"), alt_text="Second", sort_order=2)
    PilotPhoto.objects.create(pilot=pilot, image=_image("one"), alt_text="First", sort_order=1)
    result = client.get("/api/v1/pilots/").json()["results"][0]
    assert [photo["alt"] for photo in result["photos"]] == ["First", "Second"]


def test_organisation_logos_keep_the_list_query_count(client):
    assert_constant(
        client,
        "/api/v1/organisations/",
        lambda: OrganisationFactory(logo=_image("logo"), logo_alt="Logo"),
    )


def test_offering_images_keep_the_list_query_count(client):
    assert_constant(
        client,
        "/api/v1/offerings/",
        lambda: make_offering(image=_image("van"), image_alt="A van"),
    )
