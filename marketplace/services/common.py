"""What every marketplace write shares: the refusal it raises, the history it writes, the
signals it sends after commit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from partners.translated import clean_translations, in_every_language

from .. import signals
from ..models import (
    Offering,
    Pilot,
    PilotEvent,
)


class MarketplaceError(Exception):
    """A refused action, with a message fit to show the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def record_event(pilot, *, by, kind, description) -> PilotEvent:
    """Log an event. `description` gives the text in the active language (a function, or a
    lazy text): it is rendered in every language, so each reader sees the log in theirs."""
    texts = in_every_language(description if callable(description) else lambda: description)
    shown = texts.get(translation.get_language() or "") or texts[settings.LANGUAGE_CODE]
    return PilotEvent.objects.create(
        pilot=pilot,
        actor=by,
        kind=kind,
        description=shown[:500],
        texts={code: text[:500] for code, text in texts.items()},
    )


def announce_pilot_changed(pilot) -> None:
    transaction.on_commit(lambda: signals.pilot_changed.send(sender=Pilot, instance=pilot))


def announce_offering_changed(offering) -> None:
    transaction.on_commit(lambda: signals.offering_changed.send(sender=Offering, instance=offering))


def check_dates(start_date, end_date) -> None:
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


def clean_model_translations(model, value, original: str) -> dict:
    return clean_translations(value, fields=model.translated_fields, original=original)
