"""Attachments: PDF, PNG, JPEG by content; size and count limits; private downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ideas.models import ProposalAttachment
from ideas.services import attachments as attachment_services
from ideas.services import proposals as proposal_services
from tests.factories.partners import UserFactory

from .proposal_helpers import (  # noqa: F401
    EXE,
    JPEG,
    PDF,
    PNG,
    challenge,
    partner,
    private_root,
    proposal_with_lead,
)

pytestmark = pytest.mark.django_db


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("content", "kind", "ext"),
    [(PDF, "application/pdf", "pdf"), (PNG, "image/png", "png"), (JPEG, "image/jpeg", "jpg")],
)
def test_pdf_png_and_jpeg_are_accepted(content, kind, ext):
    proposal, lead = proposal_with_lead()
    attachment = attachment_services.attachment_add(
        proposal=proposal, by=lead, upload=upload(f"plan.{ext}", content)
    )
    assert attachment.content_type == kind
    assert attachment.original_name == f"plan.{ext}"


def test_a_pdf_renamed_png_is_stored_as_the_pdf_it_is():
    proposal, lead = proposal_with_lead()
    attachment = attachment_services.attachment_add(
        proposal=proposal, by=lead, upload=upload("x.png", PDF, "image/png")
    )
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "x.pdf"
    assert attachment.file.name.endswith(".pdf")


def test_an_executable_renamed_pdf_is_refused(private_root):  # noqa: F811
    proposal, lead = proposal_with_lead()
    with pytest.raises(proposal_services.ProposalError, match="Only PDF, PNG and JPEG"):
        attachment_services.attachment_add(
            proposal=proposal, by=lead, upload=upload("report.pdf", EXE, "application/pdf")
        )
    assert not ProposalAttachment.objects.exists()


def test_an_oversized_file_is_refused(settings):
    settings.TORI_ATTACHMENT_MAX_BYTES = 1000
    proposal, lead = proposal_with_lead()
    with pytest.raises(proposal_services.ProposalError, match="too large"):
        attachment_services.attachment_add(
            proposal=proposal, by=lead, upload=upload("big.pdf", PDF + b"0" * 1000)
        )


def test_the_sixth_file_is_refused(client):
    proposal, lead = proposal_with_lead()
    for n in range(5):
        attachment_services.attachment_add(
            proposal=proposal, by=lead, upload=upload(f"f{n}.pdf", PDF)
        )
    client.force_login(lead)
    response = client.post(
        reverse("ideas:attachment-upload", kwargs={"pk": proposal.pk}),
        {"file": upload("six.pdf", PDF)},
        follow=True,
    )
    assert "at most 5 attachments" in response.content.decode()
    assert ProposalAttachment.objects.count() == 5


def test_names_are_sanitised():
    assert attachment_services.clean_filename("../../etc/passwd.pdf", "pdf") == "passwd.pdf"
    assert (
        attachment_services.clean_filename("C:\\Users\\me\\My plan (v2).png", "pdf")
        == "My_plan_v2.pdf"
    )
    assert attachment_services.clean_filename("<script>.pdf", "pdf") == "script.pdf"
    assert attachment_services.clean_filename("..", "png") == "attachment.png"


def test_upload_through_the_page_and_download_as_attachment(client, settings, private_root):  # noqa: F811
    proposal, lead = proposal_with_lead()
    client.force_login(lead)
    client.post(
        reverse("ideas:attachment-upload", kwargs={"pk": proposal.pk}),
        {"file": upload("plan.png", PDF)},
    )
    attachment = ProposalAttachment.objects.get()
    stored = private_root / attachment.file.name
    assert stored.exists()
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="plan.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 - private files have no public URL


def test_attachments_of_a_confidential_proposal_are_not_served_to_others(client):
    proposal, lead = proposal_with_lead(challenge(proposals_public=False))
    attachment = attachment_services.attachment_add(
        proposal=proposal, by=lead, upload=upload("a.pdf", PDF)
    )
    client.force_login(UserFactory())
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.force_login(lead)
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_outsiders_cannot_attach():
    proposal, _ = proposal_with_lead()
    with pytest.raises(proposal_services.ProposalError):
        attachment_services.attachment_add(
            proposal=proposal, by=partner(), upload=upload("a.pdf", PDF)
        )
