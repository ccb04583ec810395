"""Writes on offerings: publish from a pilot, change, and the changes providers propose."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.localize import originals
from cms.models import CustomerGroup, Theme

from .. import rules
from ..models import (
    Offering,
    OfferingEditProposal,
    Pilot,
    PilotEvent,
)
from .common import (
    MarketplaceError,
    announce_offering_changed,
    clean_model_translations,
    record_event,
)


def unique_offering_slug(title: str, *, exclude_pk=None) -> str:
    base = slugify(title)[:200] or "offering"
    slug, n = base, 2
    qs = Offering.objects.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def offering_initial_from_pilot(pilot: Pilot) -> dict:
    """Prefill for an offering made from a completed pilot."""
    proposal = pilot.proposal
    providers = [m.organisation_id for m in proposal.team.all() if m.organisation_id]

    def items(model, tagged) -> list[int]:  # the default-language copies the form offers
        keys = tagged.values("translation_key")
        return list(
            originals(model.objects.filter(translation_key__in=keys)).values_list("pk", flat=True)
        )

    initial = {
        "title": pilot.title,
        "summary": pilot.public_summary,
        "language": pilot.language,
        "pilot": pilot.pk,
        "providers": providers,
        "customer_groups": items(CustomerGroup, proposal.customer_groups.all()),
        "themes": items(Theme, proposal.challenge.themes.all()),
        "languages": [proposal.language],
        "cities": ["espoo"],
    }
    for code, texts in (pilot.translations or {}).items():
        for source, target in (("title", "title"), ("public_summary", "summary")):
            if texts.get(source):
                initial[f"{target}__{code}"] = texts[source]
    return initial


def offering_create(
    *,
    by,
    title: str,
    summary: str,
    providers,
    price_model: str,
    description: str = "",
    easy_read_summary: str = "",
    customer_groups=(),
    themes=(),
    cities=(),
    languages=(),
    contact_email: str = "",
    pilot: Pilot | None = None,
    published: bool = False,
    slug: str = "",
    language: str = settings.LANGUAGE_CODE,
    translations: dict | None = None,
    image=None,
    image_alt: str = "",
    image_decorative: bool = False,
) -> Offering:
    providers = list(providers)
    if not providers:
        raise ValidationError(
            {"providers": _("An offering needs at least one provider organisation.")}
        )
    with transaction.atomic():
        offering = Offering.objects.create(
            title=title,
            slug=slug or unique_offering_slug(title),
            summary=summary,
            description=description,
            easy_read_summary=easy_read_summary,
            price_model=price_model,
            cities=list(cities),
            languages=list(languages),
            contact_email=contact_email,
            pilot=pilot,
            published=published,
            language=language,
            translations=clean_model_translations(Offering, translations, language),
            image=image,
            image_alt=image_alt,
            image_decorative=image_decorative,
        )
        offering.providers.set(providers)
        offering.customer_groups.set(customer_groups)
        offering.themes.set(themes)
        if pilot is not None:
            record_event(
                pilot,
                by=by,
                kind=PilotEvent.Kind.OFFERING,
                description=lambda: _("Offering created: %s") % offering.text("title"),
            )
        announce_offering_changed(offering)
    return offering


def offering_update(
    *, offering: Offering, by, providers=None, customer_groups=None, themes=None, **fields
) -> Offering:
    """Staff edit an offering (the admin form gives cleaned values)."""
    if providers is not None and not list(providers):
        raise ValidationError(
            {"providers": _("An offering needs at least one provider organisation.")}
        )
    with transaction.atomic():
        if "translations" in fields:
            language = fields.get("language", offering.language)
            fields["translations"] = clean_model_translations(
                Offering, fields["translations"], language
            )
        for key, value in fields.items():
            setattr(offering, key, value)
        offering.save()
        for name, values in (
            ("providers", providers),
            ("customer_groups", customer_groups),
            ("themes", themes),
        ):
            if values is not None:
                getattr(offering, name).set(values)
        announce_offering_changed(offering)
    return offering


def offering_edit_propose(
    *, offering: Offering, by, changes: dict, note: str = ""
) -> OfferingEditProposal:
    if not rules.can_propose_offering_edit(by, offering):
        raise MarketplaceError(_("Only members of the provider organisations can propose changes."))
    changes = {k: v for k, v in changes.items() if k in OfferingEditProposal.EDITABLE_FIELDS}
    changes = {k: v for k, v in changes.items() if getattr(offering, k) != v}
    if not changes:
        raise MarketplaceError(_("The proposal changes nothing."))
    with transaction.atomic():
        return OfferingEditProposal.objects.create(
            offering=offering, proposed_by=by, changes=changes, note=note
        )


def offering_edit_decide(
    *, edit: OfferingEditProposal, by, approve: bool, note: str = ""
) -> OfferingEditProposal:
    """Staff approve (applying the changes) or reject a pending edit proposal."""
    if not rules.can_manage_offerings(by):
        raise MarketplaceError(_("Only staff decide on proposed changes."))
    with transaction.atomic():
        locked = OfferingEditProposal.objects.select_for_update().get(pk=edit.pk)
        if locked.status != OfferingEditProposal.Status.PENDING:
            raise MarketplaceError(_("This proposal has already been decided."))
        if approve:
            offering = Offering.objects.select_for_update().get(pk=locked.offering_id)
            for key, value in locked.changes.items():
                if key in OfferingEditProposal.EDITABLE_FIELDS:
                    setattr(offering, key, value)
            offering.full_clean(exclude=["slug"])
            offering.save()
            announce_offering_changed(offering)
        locked.status = (
            OfferingEditProposal.Status.APPROVED
            if approve
            else OfferingEditProposal.Status.REJECTED
        )
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.decision_note = note
        locked.save()
        edit.status, edit.decided_at = locked.status, locked.decided_at
    return locked
