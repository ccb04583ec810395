"""A proposal's attachments: added only if their content is what their name says, removed by
the team."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partners.images import sniff_content_type
from partners.models import User

from .. import rules
from ..models import (
    Proposal,
    ProposalAttachment,
)
from .proposals import ProposalError


def clean_filename(name: str, extension: str) -> str:
    """A safe display name: no path, only safe characters, the extension the content has."""
    stem = PurePath((name or "").replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    try:
        stem = get_valid_filename(stem)
    except Exception:  # noqa: BLE001 - SuspiciousFileOperation for names like ".."
        stem = ""
    stem = stem.strip("._-")[:100] or "attachment"
    return f"{stem}.{extension}"


def attachment_add(
    *, proposal: Proposal, by: User, upload, confidential: bool = False, now=None
) -> ProposalAttachment:
    """Store an uploaded PDF, PNG or JPEG (checked by content) for the team; a confidential
    one opens only for those who see the proposal's confidential parts."""
    if not rules.can_edit_proposal(by, proposal, now):
        raise ProposalError(_("This proposal can no longer be edited."))
    max_bytes = settings.TORI_ATTACHMENT_MAX_BYTES
    if upload.size > max_bytes:
        raise ProposalError(
            _("The file is too large: at most %(mb)s MB.")
            % {"mb": round(max_bytes / (1024 * 1024), 1)}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    sniffed = sniff_content_type(head)
    if sniffed is None:
        raise ProposalError(
            _("Only PDF, PNG and JPEG files can be attached; this file is none of them.")
        )
    content_type, extension = sniffed
    with transaction.atomic():
        Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
        limit = settings.TORI_ATTACHMENTS_PER_PROPOSAL
        if ProposalAttachment.objects.filter(proposal=proposal).count() >= limit:
            raise ProposalError(
                ngettext(
                    "A proposal can have at most %(n)s attachment.",
                    "A proposal can have at most %(n)s attachments.",
                    limit,
                )
                % {"n": limit}
            )
        attachment = ProposalAttachment(
            proposal=proposal,
            original_name=clean_filename(upload.name, extension),
            content_type=content_type,
            size=upload.size,
            confidential=confidential,
            uploaded_by=by,
        )
        attachment.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
        attachment.save()
    return attachment


def attachment_delete(*, attachment: ProposalAttachment, by: User, now=None) -> None:
    if not rules.can_edit_proposal(by, attachment.proposal, now):
        raise ProposalError(_("This proposal can no longer be edited."))
    name = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
