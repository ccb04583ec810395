"""Writes on procurement records: staff record how the city buys the service of a completed,
adopted pilot, and change it later. Every write is one line of the pilot's history and one
entry of the Wagtail audit log (on the pilot, so its admin history shows it)."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from .. import rules
from ..models import Pilot, PilotEvent, ProcurementMethod, ProcurementRecord
from .common import (
    MarketplaceError,
    announce_offering_changed,
    announce_pilot_changed,
    check_dates,
    clean_model_translations,
    record_event,
)

PROCUREMENT_RECORDED_ACTION = "tori.procurement_recorded"
PROCUREMENT_CHANGED_ACTION = "tori.procurement_changed"
LOG_ACTIONS = (
    (
        PROCUREMENT_RECORDED_ACTION,
        gettext_lazy("Procurement recorded"),
        gettext_lazy("How the city buys the service recorded"),
    ),
    (
        PROCUREMENT_CHANGED_ACTION,
        gettext_lazy("Procurement changed"),
        gettext_lazy("How the city buys the service changed"),
    ),
)

PROCUREMENT_FIELDS = (
    "method",
    "contract_reference",
    "notice_url",
    "value_eur",
    "decided_on",
    "contract_start",
    "contract_end",
    "note",
    "language",
    "translations",
)


class ProcurementRefused(MarketplaceError):
    """The pilot is not completed with the outcome adopted."""


def refusal_message(pilot: Pilot) -> str:
    return _(
        "A procurement can be recorded only for a completed pilot whose outcome is adopted. "
        "This pilot is %(stage)s%(outcome)s."
    ) % {
        "stage": pilot.get_stage_display().lower(),
        "outcome": f" ({pilot.get_outcome_display().lower()})" if pilot.outcome else "",
    }


def procurement_save(
    *,
    pilot: Pilot,
    by,
    method: str,
    contract_reference: str = "",
    notice_url: str = "",
    value_eur: int | None = None,
    decided_on=None,
    contract_start=None,
    contract_end=None,
    note: str = "",
    language: str = settings.LANGUAGE_CODE,
    translations: dict | None = None,
) -> ProcurementRecord:
    """Record the pilot's procurement, or change the one recorded."""
    check_dates(contract_start, contract_end)
    if method not in ProcurementMethod.values:
        raise MarketplaceError(_("Choose how the city buys the service."))
    fields = {
        "method": method,
        "contract_reference": contract_reference.strip(),
        "notice_url": notice_url.strip(),
        "value_eur": value_eur,
        "decided_on": decided_on,
        "contract_start": contract_start,
        "contract_end": contract_end,
        "note": note.strip(),
        "language": language,
        "translations": clean_model_translations(ProcurementRecord, translations, language),
    }
    with transaction.atomic():
        locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
        if not rules.is_procurement_recordable(locked):
            raise ProcurementRefused(refusal_message(locked))
        record = ProcurementRecord.objects.filter(pilot=locked).first()
        created = record is None
        if created:
            record = ProcurementRecord(pilot=locked, recorded_by=by)
            changed = [name for name in PROCUREMENT_FIELDS if fields[name] not in ("", None, {})]
        else:
            changed = [name for name in PROCUREMENT_FIELDS if getattr(record, name) != fields[name]]
        if not created and not changed:
            return record
        for name, value in fields.items():
            setattr(record, name, value)
        if not created:
            record.recorded_by = by
        record.save()
        pilot.procurement = record

        def description() -> str:
            method_label = ProcurementMethod(record.method).label
            if created:
                return _("Procurement recorded: %s") % method_label
            names = [
                str(ProcurementRecord._meta.get_field(name).verbose_name)
                for name in changed
                if name not in ("language", "translations")
            ] or [_("translations")]
            return _("Procurement changed: %s") % ", ".join(names)

        record_event(pilot, by=by, kind=PilotEvent.Kind.UPDATED, description=description)
        log(
            instance=locked,
            action=PROCUREMENT_RECORDED_ACTION if created else PROCUREMENT_CHANGED_ACTION,
            user=by,
            data={"procurement": record.pk, "method": record.method, "changed": changed},
        )
        announce_pilot_changed(pilot)
        for offering in locked.offerings.all():
            announce_offering_changed(offering)
    return record
