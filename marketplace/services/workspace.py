"""Writes in a pilot's workspace: milestones, indicators and their measurements."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ..models import (
    Indicator,
    Measurement,
    Milestone,
    Pilot,
    PilotEvent,
)
from .common import (
    announce_pilot_changed,
    clean_model_translations,
    record_event,
)


def milestone_save(
    *,
    pilot: Pilot,
    by,
    title: str,
    due_date: date,
    done_date: date | None = None,
    milestone: Milestone | None = None,
    translations: dict | None = None,
) -> Milestone:
    """Add or change a milestone; its text is in the pilot's language, with `translations`."""
    with transaction.atomic():
        if milestone is None:
            milestone = Milestone.objects.create(
                pilot=pilot,
                title=title,
                due_date=due_date,
                done_date=done_date,
                language=pilot.language,
                translations=clean_model_translations(Milestone, translations, pilot.language),
            )

            def text():
                return _("Milestone added: %s") % milestone.text("title")
        else:
            was_done = (
                Milestone.objects.filter(pk=milestone.pk)
                .values_list("done_date", flat=True)
                .first()
            )
            milestone.title, milestone.due_date, milestone.done_date = title, due_date, done_date
            if translations is not None:
                milestone.set_translations(translations)
            milestone.save()
            done_now = bool(done_date and not was_done)

            def text():
                message = _("Milestone done: %s") if done_now else _("Milestone changed: %s")
                return message % milestone.text("title")

        record_event(pilot, by=by, kind=PilotEvent.Kind.MILESTONE, description=text)
    return milestone


def milestone_delete(*, milestone: Milestone, by) -> None:
    with transaction.atomic():
        record_event(
            milestone.pilot,
            by=by,
            kind=PilotEvent.Kind.MILESTONE,
            description=lambda: _("Milestone removed: %s") % milestone.text("title"),
        )
        milestone.delete()


def indicator_save(
    *,
    pilot: Pilot,
    by,
    name: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    higher_is_better: bool = True,
    indicator: Indicator | None = None,
    translations: dict | None = None,
) -> Indicator:
    """Add or change an indicator; its name and unit are in the pilot's language."""
    with transaction.atomic():
        values = {
            "name": name,
            "unit": unit,
            "baseline": baseline,
            "target": target,
            "higher_is_better": higher_is_better,
        }
        if indicator is None:
            indicator = Indicator.objects.create(
                pilot=pilot,
                language=pilot.language,
                translations=clean_model_translations(Indicator, translations, pilot.language),
                **values,
            )

            def text():
                return _("Indicator added: %s") % indicator.text("name")
        else:
            for key, value in values.items():
                setattr(indicator, key, value)
            if translations is not None:
                indicator.set_translations(translations)
            indicator.save()

            def text():
                return _("Indicator changed: %s") % indicator.text("name")

        record_event(pilot, by=by, kind=PilotEvent.Kind.INDICATOR, description=text)
        announce_pilot_changed(pilot)
    return indicator


def indicator_delete(*, indicator: Indicator, by) -> None:
    with transaction.atomic():
        record_event(
            indicator.pilot,
            by=by,
            kind=PilotEvent.Kind.INDICATOR,
            description=lambda: _("Indicator removed: %s") % indicator.text("name"),
        )
        indicator.delete()


def validate_measurement_date(*, pilot: Pilot, value_date: date) -> None:
    if not (pilot.start_date <= value_date <= pilot.end_date):
        raise ValidationError(
            {
                "date": _("The date must be within the pilot, from %(start)s to %(end)s.")
                % {
                    "start": date_format(pilot.start_date, "SHORT_DATE_FORMAT"),
                    "end": date_format(pilot.end_date, "SHORT_DATE_FORMAT"),
                }
            }
        )


def measurement_add(*, indicator: Indicator, by, date: date, value: Decimal) -> Measurement:
    pilot = indicator.pilot
    validate_measurement_date(pilot=pilot, value_date=date)
    with transaction.atomic():
        measurement = Measurement.objects.create(indicator=indicator, date=date, value=value)
        record_event(
            pilot,
            by=by,
            kind=PilotEvent.Kind.MEASUREMENT,
            description=lambda: (
                _("Measurement of %(name)s on %(date)s: %(value)s %(unit)s")
                % {
                    "name": indicator.text("name"),
                    "date": date_format(date, "SHORT_DATE_FORMAT"),
                    "value": number_format(value),
                    "unit": indicator.text("unit"),
                }
            ),
        )
        announce_pilot_changed(pilot)
    return measurement


def measurement_delete(*, measurement: Measurement, by) -> None:
    indicator = measurement.indicator
    with transaction.atomic():
        record_event(
            indicator.pilot,
            by=by,
            kind=PilotEvent.Kind.MEASUREMENT,
            description=lambda: (
                _("Measurement of %(name)s on %(date)s removed")
                % {
                    "name": indicator.text("name"),
                    "date": date_format(measurement.date, "SHORT_DATE_FORMAT"),
                }
            ),
        )
        measurement.delete()
