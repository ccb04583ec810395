"""A proposal's cover image: uploaded by the team, checked by content, described or marked
decorative, stored under a name nobody can guess, shown only where the proposal is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from ideas.models import Proposal
from ideas.services import covers as cover_services
from tests.factories.images import image_bytes, make_image

from .proposal_helpers import JPEG, PDF, proposal_with_lead

pytestmark = pytest.mark.django_db

ALT_ERROR = "Describe the image, or mark it decorative."


def upload(content, name="cover.png"):
    return SimpleUploadedFile(name, content, content_type="image/png")


def post_cover(client, proposal, **data):
    return client.post(reverse("ideas:proposal-cover", args=[proposal.pk]), data)


def test_the_team_uploads_a_cover_stored_with_a_random_name_in_the_covers_collection(client):
    proposal, lead = proposal_with_lead(status="draft")
    client.force_login(lead)
    response = post_cover(
        client,
        proposal,
        cover_image=upload(image_bytes(), "our-secret-plan.png"),
        cover_image_alt="A bus stop with a bench",
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    image = proposal.cover_image
    assert image.collection.name == "Proposal covers"
    assert "our-secret-plan" not in image.file.name
    assert len(image.file.name.rsplit("/", 1)[-1].split(".")[0]) == 32
    assert proposal.cover_image_alt == "A bus stop with a bench"
    assert proposal.share_image == image


@pytest.mark.parametrize(
    "content",
    [PDF, b"MZ\x90\x00" + b"\x00" * 60, b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, JPEG],
    ids=["pdf", "executable", "png-header-only", "jpeg-header-only"],
)
def test_a_cover_that_is_not_really_an_image_is_refused_next_to_the_field(client, content):
    proposal, lead = proposal_with_lead(status="draft")
    client.force_login(lead)
    response = post_cover(client, proposal, cover_image=upload(content), cover_image_alt="A bench")
    assert response.status_code == 400
    form = response.context["cover_form"]
    assert form.errors["cover_image"]
    assert (
        "PNG" in form.errors["cover_image"][0] or "cannot be read" in form.errors["cover_image"][0]
    )
    html = response.content.decode()
    assert 'id="cover_image_error"' in html or "cover_image" in html
    proposal.refresh_from_db()
    assert proposal.cover_image is None


def test_too_many_pixels_are_refused(client, settings):
    settings.TORI_IMAGE_MAX_PIXELS = 100
    proposal, lead = proposal_with_lead(status="draft")
    client.force_login(lead)
    response = post_cover(
        client, proposal, cover_image=upload(image_bytes(20, 20)), cover_image_decorative="on"
    )
    assert "too many pixels" in response.context["cover_form"].errors["cover_image"][0]


def test_a_cover_without_alt_text_needs_to_be_marked_decorative(client):
    proposal, lead = proposal_with_lead(status="draft")
    client.force_login(lead)
    response = post_cover(client, proposal, cover_image=upload(image_bytes()))
    assert response.status_code == 400
    assert response.context["cover_form"].errors["cover_image_alt"] == [ALT_ERROR]
    assert ALT_ERROR in response.content.decode()
    response = post_cover(
        client, proposal, cover_image=upload(image_bytes()), cover_image_decorative="on"
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.cover_image_decorative and proposal.cover_image is not None


def test_the_database_refuses_an_undescribed_cover_that_is_not_decorative():
    proposal, _lead = proposal_with_lead()
    image = make_image()
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(cover_image=image, cover_image_alt="")
    Proposal.objects.filter(pk=proposal.pk).update(cover_image=image, cover_image_decorative=True)


def test_a_decorative_cover_renders_with_empty_alt_and_a_described_one_with_its_text(client):
    proposal, lead = proposal_with_lead()
    cover_services.cover_set(
        proposal=proposal, by=lead, upload=upload(image_bytes(800, 450)), decorative=True
    )
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert 'alt=""' in html
    cover_services.cover_set(proposal=proposal, by=lead, alt="Residents testing the app")
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert 'alt="Residents testing the app"' in html


def test_the_alt_text_is_translated_and_survives_a_text_edit(client):
    proposal, lead = proposal_with_lead(status="draft")
    cover_services.cover_set(
        proposal=proposal,
        by=lead,
        upload=upload(image_bytes()),
        alt="A bench",
        translations={"fi": {"cover_image_alt": "Penkki"}},
    )
    proposal.refresh_from_db()
    assert proposal.text("cover_image_alt", "fi") == "Penkki"
    from ideas.services import proposals as proposal_services

    proposal_services.proposal_update(
        proposal=proposal,
        by=lead,
        expected_version=proposal.version,
        title="New title",
        summary="New summary",
        translations={"fi": {"title": "Uusi otsikko"}},
    )
    proposal.refresh_from_db()
    assert proposal.text("cover_image_alt", "fi") == "Penkki"
    assert proposal.text("title", "fi") == "Uusi otsikko"


def test_replacing_or_removing_the_cover_deletes_the_old_image(client):
    proposal, lead = proposal_with_lead(status="draft")
    cover_services.cover_set(proposal=proposal, by=lead, upload=upload(image_bytes()), alt="One")
    first = proposal.cover_image_id
    cover_services.cover_set(proposal=proposal, by=lead, upload=upload(image_bytes()), alt="Two")
    assert proposal.cover_image_id != first
    client.force_login(lead)
    post_cover(client, proposal, remove="on")
    proposal.refresh_from_db()
    assert proposal.cover_image is None
    from wagtail.images import get_image_model

    assert not get_image_model().objects.filter(pk=first).exists()


def _cover_name(proposal):
    """The start of the random stem every file of the cover (original and renditions, which
    shorten it) is named after."""
    return proposal.cover_image.file.name.rsplit("/", 1)[-1].split(".")[0][:16]


@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_a_draft_or_withdrawn_proposals_cover_is_in_no_public_page(client, status):
    public, public_lead = proposal_with_lead(title="Shown proposal")
    page = public.challenge
    hidden, hidden_lead = proposal_with_lead(page, status="draft", title="Hidden proposal")
    no_consent, consent_lead = proposal_with_lead(
        page, publication_consent=False, title="Not consented"
    )
    for proposal, lead in (
        (public, public_lead),
        (hidden, hidden_lead),
        (no_consent, consent_lead),
    ):
        cover_services.cover_set(
            proposal=proposal, by=lead, upload=upload(image_bytes(800, 450)), alt="Cover"
        )
        proposal.refresh_from_db()
    if status == "withdrawn":
        from ideas.models import ProposalStatus

        Proposal.objects.filter(pk=hidden.pk).update(status=ProposalStatus.WITHDRAWN)
    secret_names = [_cover_name(hidden), _cover_name(no_consent)]
    urls = [
        page.url,
        public.get_absolute_url(),
        "/en/catalogue/",
        "/en/catalogue/?q=proposal",
        "/api/v1/proposals/",
        "/api/v1/catalogue/?q=proposal",
        "/sitemap.xml",
    ]
    seen_public = False
    for url in urls:
        response = client.get(url, follow=True)
        body = response.content.decode()
        seen_public = seen_public or _cover_name(public) in body
        for name in secret_names:
            assert name not in body, url
    assert seen_public  # the public proposal's cover is shown: the check looks at real pages
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_the_challenges_proposal_cards_keep_a_flat_query_count(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .proposal_helpers import challenge

    page = challenge()

    def add(n):
        for _ in range(n):
            proposal, lead = proposal_with_lead(page)
            cover_services.cover_set(
                proposal=proposal, by=lead, upload=upload(image_bytes(400, 225)), alt="Cover"
            )

    def count():
        client.get(page.url)  # renditions made on the first view
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(page.url).content.decode()
        assert body.count('type="image/avif"') >= 2
        return len(ctx)

    add(2)
    small = count()
    add(8)
    assert count() == small
