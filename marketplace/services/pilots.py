"""Writes on pilots: create, change, publish, and the stage machine (only forward, one step
at a time). Keyword-only, inside a transaction; every change is written to the pilot's history."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ideas.models import Proposal, ProposalStatus
from partners import signals as partner_signals

from ..models import (
    Pilot,
    PilotEvent,
    PilotOutcome,
    PilotStage,
    PilotStageChange,
)
from .common import (
    MarketplaceError,
    announce_pilot_changed,
    check_dates,
    clean_model_translations,
    record_event,
)

# The pilot state machine: only forward, one step at a time.
STAGE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PilotStage.PLANNED: (PilotStage.RUNNING,),
    PilotStage.RUNNING: (PilotStage.EVALUATING,),
    PilotStage.EVALUATING: (PilotStage.COMPLETED,),
    PilotStage.COMPLETED: (),
}


class StageTransitionError(MarketplaceError):
    """An illegal pilot stage move."""


def allowed_stages(stage: str) -> tuple[str, ...]:
    return STAGE_TRANSITIONS.get(stage, ())


PILOT_FIELDS = (
    "title",
    "public_summary",
    "easy_read_summary",
    "venue",
    "start_date",
    "end_date",
    "budget_eur",
    "language",
    "translations",
)


def pilot_create(
    *,
    proposal: Proposal,
    by,
    title: str,
    venue: str,
    start_date: date,
    end_date: date,
    public_summary: str,
    easy_read_summary: str = "",
    budget_eur: int | None = None,
    published: bool = False,
    language: str = settings.LANGUAGE_CODE,
    translations: dict | None = None,
) -> Pilot:
    """Make a pilot of a selected proposal (at most one per proposal)."""
    check_dates(start_date, end_date)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status != ProposalStatus.SELECTED:
            raise ValidationError({"proposal": _("Only a selected proposal can become a pilot.")})
        if Pilot.objects.filter(proposal=locked).exists():
            raise ValidationError({"proposal": _("This proposal already has a pilot.")})
        pilot = Pilot.objects.create(
            proposal=locked,
            title=title,
            venue=venue,
            start_date=start_date,
            end_date=end_date,
            public_summary=public_summary,
            easy_read_summary=easy_read_summary,
            budget_eur=budget_eur,
            published=published,
            language=language,
            translations=clean_model_translations(Pilot, translations, language),
        )
        record_event(
            pilot,
            by=by,
            kind=PilotEvent.Kind.CREATED,
            description=lambda: _("Pilot created: %s") % pilot.text("title"),
        )
        if published:
            record_event(
                pilot,
                by=by,
                kind=PilotEvent.Kind.PUBLISHED,
                description=lambda: _("Pilot published"),
            )
        announce_pilot_changed(pilot)
    return pilot


def pilot_update(*, pilot: Pilot, by, **fields) -> Pilot:
    """Change a pilot's details (not its stage or outcome: see pilot_advance)."""
    unknown = set(fields) - set(PILOT_FIELDS) - {"published"}
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    check_dates(fields.get("start_date", pilot.start_date), fields.get("end_date", pilot.end_date))
    with transaction.atomic():
        published = fields.pop("published", None)
        current = Pilot.objects.select_for_update().get(pk=pilot.pk)
        if "translations" in fields:
            language = fields.get("language", current.language)
            fields["translations"] = clean_model_translations(
                Pilot, fields["translations"], language
            )
        changed = [name for name, value in fields.items() if getattr(current, name) != value]
        for name in changed:
            setattr(pilot, name, fields[name])
        if changed:
            pilot.save(update_fields=changed)
            record_event(
                pilot,
                by=by,
                kind=PilotEvent.Kind.UPDATED,
                description=lambda: (
                    _("Changed: %s")
                    % ", ".join(str(Pilot._meta.get_field(name).verbose_name) for name in changed)
                ),
            )
        if published is not None and published != current.published:
            pilot_set_published(pilot=pilot, published=published, by=by)
        announce_pilot_changed(pilot)
    return pilot


def pilot_set_published(*, pilot: Pilot, published: bool, by) -> Pilot:
    with transaction.atomic():
        Pilot.objects.filter(pk=pilot.pk).update(published=published)
        partner_signals.updated(Pilot, [pilot.pk])
        pilot.published = published
        kind = PilotEvent.Kind.PUBLISHED if published else PilotEvent.Kind.UNPUBLISHED
        record_event(pilot, by=by, kind=kind, description=kind.label)
        announce_pilot_changed(pilot)
    return pilot


def pilot_advance(*, pilot: Pilot, to_stage: str, by, outcome: str = "") -> PilotStageChange:
    """Move a pilot one stage forward; the outcome is given exactly when it completes."""
    with transaction.atomic():
        locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
        if to_stage not in allowed_stages(locked.stage):
            raise StageTransitionError(
                _("A pilot cannot move from %(from)s to %(to)s.")
                % {
                    "from": PilotStage(locked.stage).label,
                    "to": PilotStage(to_stage).label if to_stage in PilotStage.values else to_stage,
                }
            )
        if to_stage == PilotStage.COMPLETED:
            if outcome not in PilotOutcome.values:
                raise StageTransitionError(_("Choose the outcome when the pilot is completed."))
        elif outcome:
            raise StageTransitionError(_("The outcome is set only when the pilot is completed."))
        change = PilotStageChange.objects.create(
            pilot=locked, from_stage=locked.stage, to_stage=to_stage, changed_by=by
        )
        locked.stage = to_stage
        locked.outcome = outcome
        locked.save(update_fields=["stage", "outcome"])
        pilot.stage, pilot.outcome = locked.stage, locked.outcome

        def description() -> str:
            text = _("Stage: %(from)s → %(to)s") % {
                "from": PilotStage(change.from_stage).label,
                "to": PilotStage(to_stage).label,
            }
            return text + (" (" + str(PilotOutcome(outcome).label) + ")" if outcome else "")

        record_event(pilot, by=by, kind=PilotEvent.Kind.STAGE, description=description)
        announce_pilot_changed(pilot)
    return change
