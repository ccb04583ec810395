"""A proposal's cover image: set, described, replaced or removed by the team.

The upload is checked by content as attachments are (partners.images), decoded, and stored as
a Wagtail image with a random file name in the "Proposal covers" collection: pages show it only
where they show the proposal, and its address cannot be guessed while the proposal is a draft.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from partners.images import store_image
from partners.models import User
from partners.translated import clean_translations, replace_translated

from .. import rules
from ..models import COVER_SLOT, Proposal
from .proposals import ProposalError

COVERS_COLLECTION = "Proposal covers"


def cover_set(
    *,
    proposal: Proposal,
    by: User,
    upload=None,
    alt: str = "",
    decorative: bool = False,
    translations: dict | None = None,
    remove: bool = False,
    now=None,
) -> Proposal:
    """Store `upload` as the cover (replacing the old one), or `remove` it; save its
    alternative text and translations. The upload must have passed `check_image_upload`."""
    if not rules.can_edit_proposal(by, proposal, now):
        raise ProposalError(_("This proposal can no longer be edited."))
    with transaction.atomic():
        current = Proposal.objects.select_for_update().get(pk=proposal.pk)
        old_image = current.cover_image
        if upload is not None:
            current.cover_image = store_image(
                upload, title=current.title, collection=COVERS_COLLECTION, uploaded_by=by
            )
        elif remove:
            current.cover_image = None
        current.cover_image_alt = (alt or "").strip()
        current.cover_image_decorative = bool(decorative)
        current.translations = clean_translations(
            replace_translated(current.translations, translations, fields=(COVER_SLOT.alt,)),
            fields=Proposal.translated_fields,
            original=current.language,
        )
        current.full_clean(
            exclude=[f.name for f in Proposal._meta.fields if f.name not in COVER_FIELDS]
        )
        current.save(update_fields=[*COVER_FIELDS, "translations"])
        if old_image is not None and old_image.pk != current.cover_image_id:
            old_image.delete()
    for name in (*COVER_FIELDS, "translations"):
        setattr(proposal, name, getattr(current, name))
    return proposal


COVER_FIELDS = (COVER_SLOT.image, COVER_SLOT.alt, COVER_SLOT.decorative)
