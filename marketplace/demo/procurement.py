"""The demo's procurement record: the photo archive search, piloted and adopted, bought as an
innovation partnership with a notice in Hilma. Idempotent: a pilot that has a record is left
as it is; without the demo's offering, the first completed, adopted pilot with a published
offering gets it."""

from datetime import date, timedelta

from marketplace.models import Offering, PilotOutcome, PilotStage, ProcurementMethod
from marketplace.services import procurement as procurement_services

from .content import texts

OFFERING_SLUG = "kuva-arkiston-hakupalvelu"
RECORD = {
    "method": ProcurementMethod.INNOVATION_PARTNERSHIP,
    "contract_reference": "1482/02.08.00/2026",
    "notice_url": "https://www.hankintailmoitukset.fi/fi/public/procedure/98765/enotice/123456/",
    "value_eur": 184000,
}
NOTE = (
    "Espoon kaupunginmuseo hankki hakupalvelun innovaatiokumppanuutena pilotin jälkeen. "
    "Sopimukseen sisältyy kahden vuoden optio.",
    "Esbo stadsmuseum upphandlade söktjänsten som ett innovationspartnerskap efter piloten. "
    "Avtalet har en option på två år.",
    "The Espoo City Museum bought the search service as an innovation partnership after the "
    "pilot. The contract has a two-year option.",
)


def _offering():
    adopted = Offering.objects.published().filter(
        pilot__stage=PilotStage.COMPLETED,
        pilot__outcome=PilotOutcome.ADOPTED,
        pilot__published=True,
    )
    return (
        adopted.filter(slug=OFFERING_SLUG).first()
        or adopted.filter(pilot__procurement__isnull=True).order_by("pk").first()
    )


def seed_procurement(*, staff, stdout=None) -> None:
    offering = _offering()
    if offering is None or hasattr(offering.pilot, "procurement"):
        return
    pilot = offering.pilot
    decided = min(date.today(), pilot.end_date + timedelta(days=21))
    (note,), translations = texts([NOTE], "fi", ("note",))
    procurement_services.procurement_save(
        pilot=pilot,
        by=staff,
        decided_on=decided,
        contract_start=decided + timedelta(days=30),
        contract_end=decided + timedelta(days=30 + 3 * 365),
        note=note,
        language="fi",
        translations=translations,
        **RECORD,
    )
    if stdout is not None:
        stdout.write(f"  procurement recorded: {offering.slug}\n")
