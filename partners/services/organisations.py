"""Organisations: create (the creator becomes the first owner) and edit."""

from django.db import transaction
from django.utils.text import slugify

from ..capabilities import originals_of
from ..images import store_image
from ..models import Membership, Organisation, User

ORGANISATION_FIELDS = (*Organisation.profile_fields, "translations")
LOGOS_COLLECTION = "Organisation logos"


def _set_logo(organisation: Organisation, *, upload, remove: bool, by) -> None:
    """A checked upload becomes the logo (the old one is deleted); `remove` deletes it."""
    old = organisation.logo
    if upload is not None:
        organisation.logo = store_image(
            upload, title=organisation.name, collection=LOGOS_COLLECTION, uploaded_by=by
        )
    elif remove:
        organisation.logo = None
    if old is not None and old.pk != organisation.logo_id:
        transaction.on_commit(old.delete)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_create(
    *, creator: User, logo_upload=None, logo_remove: bool = False, capability_tags=None, **fields
) -> Organisation:
    """Create an organisation; its creator becomes its first owner."""
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    translations = fields.pop("translations", None)
    organisation = Organisation(**fields)
    organisation.set_translations(translations)
    organisation.slug = _unique_slug(organisation.name)
    _set_logo(organisation, upload=logo_upload, remove=logo_remove, by=creator)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(organisation=organisation, user=creator, role=Membership.Role.OWNER)
    if capability_tags is not None:
        set_capability_tags(organisation, capability_tags)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    by=None,
    logo_upload=None,
    logo_remove: bool = False,
    capability_tags=None,
    **fields,
) -> Organisation:
    for name, value in fields.items():
        if name not in ORGANISATION_FIELDS:
            raise TypeError(f"Unknown organisation field: {name}")
        if name != "translations":
            setattr(organisation, name, value)
    if "translations" in fields:
        organisation.set_translations(fields["translations"])
    _set_logo(organisation, upload=logo_upload, remove=logo_remove, by=by)
    organisation.full_clean()
    organisation.save()
    if capability_tags is not None:
        set_capability_tags(organisation, capability_tags)
    return organisation


def set_capability_tags(organisation: Organisation, capabilities) -> None:
    """Tag the organisation with the items of `capabilities` (any language's copies): always
    their original copies, so that every language's filter counts each item once."""
    organisation.capability_tags.set(originals_of(capabilities))
