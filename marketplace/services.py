"""Every write in the marketplace domain: pilots, their workspace, feedback, offerings.

Keyword-only, inside a transaction; side effects after commit. Each change to a pilot is written
to its history (PilotEvent).
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.localize import originals
from cms.models import CustomerGroup, Theme
from ideas.models import Proposal, ProposalStatus
from partners import signals as partner_signals
from partners.translated import clean_translations, in_every_language

from . import rules, signals
from .models import (
    Feedback,
    FeedbackReport,
    Indicator,
    Measurement,
    Milestone,
    Offering,
    OfferingEditProposal,
    Pilot,
    PilotEvent,
    PilotOutcome,
    PilotStage,
    PilotStageChange,
)

S = PilotStage

# The pilot state machine: only forward, one step at a time.
STAGE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.PLANNED: (S.RUNNING,),
    S.RUNNING: (S.EVALUATING,),
    S.EVALUATING: (S.COMPLETED,),
    S.COMPLETED: (),
}


class MarketplaceError(Exception):
    """A refused action, with a message fit to show the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class StageTransitionError(MarketplaceError):
    """An illegal pilot stage move."""


class FeedbackError(MarketplaceError):
    pass


def allowed_stages(stage: str) -> tuple[str, ...]:
    return STAGE_TRANSITIONS.get(stage, ())


def _record(pilot, *, by, kind, description) -> PilotEvent:
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


def _pilot_changed(pilot) -> None:
    transaction.on_commit(lambda: signals.pilot_changed.send(sender=Pilot, instance=pilot))


def _offering_changed(offering) -> None:
    transaction.on_commit(lambda: signals.offering_changed.send(sender=Offering, instance=offering))


def _check_dates(start_date, end_date) -> None:
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


# Pilots ---------------------------------------------------------------------------------------


PILOT_FIELDS = (
    "title",
    "public_summary",
    "venue",
    "start_date",
    "end_date",
    "budget_eur",
    "language",
    "translations",
)


def _translations(model, value, original: str) -> dict:
    return clean_translations(value, fields=model.translated_fields, original=original)


def pilot_create(
    *,
    proposal: Proposal,
    by,
    title: str,
    venue: str,
    start_date: date,
    end_date: date,
    public_summary: str,
    budget_eur: int | None = None,
    published: bool = False,
    language: str = settings.LANGUAGE_CODE,
    translations: dict | None = None,
) -> Pilot:
    """Make a pilot of a selected proposal (at most one per proposal)."""
    _check_dates(start_date, end_date)
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
            budget_eur=budget_eur,
            published=published,
            language=language,
            translations=_translations(Pilot, translations, language),
        )
        _record(
            pilot,
            by=by,
            kind=PilotEvent.Kind.CREATED,
            description=lambda: _("Pilot created: %s") % pilot.text("title"),
        )
        if published:
            _record(
                pilot,
                by=by,
                kind=PilotEvent.Kind.PUBLISHED,
                description=lambda: _("Pilot published"),
            )
        _pilot_changed(pilot)
    return pilot


def pilot_update(*, pilot: Pilot, by, **fields) -> Pilot:
    """Change a pilot's details (not its stage or outcome: see pilot_advance)."""
    unknown = set(fields) - set(PILOT_FIELDS) - {"published"}
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    _check_dates(fields.get("start_date", pilot.start_date), fields.get("end_date", pilot.end_date))
    with transaction.atomic():
        published = fields.pop("published", None)
        current = Pilot.objects.select_for_update().get(pk=pilot.pk)
        if "translations" in fields:
            language = fields.get("language", current.language)
            fields["translations"] = _translations(Pilot, fields["translations"], language)
        changed = [name for name, value in fields.items() if getattr(current, name) != value]
        for name in changed:
            setattr(pilot, name, fields[name])
        if changed:
            pilot.save(update_fields=changed)
            _record(
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
        _pilot_changed(pilot)
    return pilot


def pilot_set_published(*, pilot: Pilot, published: bool, by) -> Pilot:
    with transaction.atomic():
        Pilot.objects.filter(pk=pilot.pk).update(published=published)
        partner_signals.updated(Pilot, [pilot.pk])
        pilot.published = published
        kind = PilotEvent.Kind.PUBLISHED if published else PilotEvent.Kind.UNPUBLISHED
        _record(pilot, by=by, kind=kind, description=kind.label)
        _pilot_changed(pilot)
    return pilot


def pilot_advance(*, pilot: Pilot, to_stage: str, by, outcome: str = "") -> PilotStageChange:
    """Move a pilot one stage forward; the outcome is given exactly when it completes."""
    with transaction.atomic():
        locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
        if to_stage not in allowed_stages(locked.stage):
            raise StageTransitionError(
                _("A pilot cannot move from %(from)s to %(to)s.")
                % {
                    "from": S(locked.stage).label,
                    "to": S(to_stage).label if to_stage in S.values else to_stage,
                }
            )
        if to_stage == S.COMPLETED:
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
                "from": S(change.from_stage).label,
                "to": S(to_stage).label,
            }
            return text + (" (" + str(PilotOutcome(outcome).label) + ")" if outcome else "")

        _record(pilot, by=by, kind=PilotEvent.Kind.STAGE, description=description)
        _pilot_changed(pilot)
    return change


# Workspace: milestones, indicators, measurements -----------------------------------------------


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
                translations=_translations(Milestone, translations, pilot.language),
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

        _record(pilot, by=by, kind=PilotEvent.Kind.MILESTONE, description=text)
    return milestone


def milestone_delete(*, milestone: Milestone, by) -> None:
    with transaction.atomic():
        _record(
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
                translations=_translations(Indicator, translations, pilot.language),
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

        _record(pilot, by=by, kind=PilotEvent.Kind.INDICATOR, description=text)
        _pilot_changed(pilot)
    return indicator


def indicator_delete(*, indicator: Indicator, by) -> None:
    with transaction.atomic():
        _record(
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
        _record(
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
        _pilot_changed(pilot)
    return measurement


def measurement_delete(*, measurement: Measurement, by) -> None:
    indicator = measurement.indicator
    with transaction.atomic():
        _record(
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


# Feedback -------------------------------------------------------------------------------------


def feedback_give(
    *, pilot: Pilot, user, rating: int, comment: str = "", customer_group=None
) -> Feedback:
    """Give or edit a resident's feedback (one per resident per pilot)."""
    if not rules.can_give_feedback(user, pilot):
        raise FeedbackError(
            _("Feedback can be given by verified residents while the pilot runs or is evaluated.")
        )
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    if (
        customer_group is not None
        and not CustomerGroup.objects.filter(
            challenges=pilot.proposal.challenge, pk=customer_group.pk
        ).exists()
    ):
        raise ValidationError(
            {"customer_group": _("Choose one of the challenge's customer groups.")}
        )
    values = {"rating": rating, "comment": comment, "customer_group": customer_group}
    try:
        with transaction.atomic():
            feedback, _created = Feedback.objects.update_or_create(
                pilot=pilot, user=user, defaults=values
            )
    except IntegrityError:  # a concurrent first save by the same resident: edit it instead
        feedback = Feedback.objects.get(pilot=pilot, user=user)
        for key, value in values.items():
            setattr(feedback, key, value)
        feedback.save()
    _pilot_changed(pilot)
    return feedback


def feedback_report(*, feedback: Feedback, by, reason: str) -> FeedbackReport:
    if not rules.can_report_feedback(by, feedback):
        raise FeedbackError(_("You cannot report this feedback."))
    with transaction.atomic():
        report, _created = FeedbackReport.objects.get_or_create(
            feedback=feedback, reporter=by, defaults={"reason": reason}
        )
    return report


def feedback_hide(*, feedback: Feedback, by, reason: str) -> Feedback:
    if not rules.can_moderate_feedback(by):
        raise FeedbackError(_("Only moderators can hide feedback."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for hiding.")})
    with transaction.atomic():
        feedback.hidden_at = timezone.now()
        feedback.hidden_by = by
        feedback.hidden_reason = reason
        feedback.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        _record(
            feedback.pilot,
            by=by,
            kind=PilotEvent.Kind.FEEDBACK,
            description=lambda: _("Feedback hidden: %s") % reason,
        )
        _pilot_changed(feedback.pilot)
    return feedback


def feedback_restore(*, feedback: Feedback, by) -> Feedback:
    if not rules.can_moderate_feedback(by):
        raise FeedbackError(_("Only moderators can restore feedback."))
    with transaction.atomic():
        feedback.hidden_at = None
        feedback.hidden_by = None
        feedback.hidden_reason = ""
        feedback.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        feedback.reports.all().delete()
        _record(
            feedback.pilot,
            by=by,
            kind=PilotEvent.Kind.FEEDBACK,
            description=lambda: _("Feedback restored"),
        )
        _pilot_changed(feedback.pilot)
    return feedback


def feedback_dismiss_reports(*, feedback: Feedback, by) -> None:
    """Keep the feedback visible and clear its reports."""
    if not rules.can_moderate_feedback(by):
        raise FeedbackError(_("Only moderators can moderate feedback."))
    feedback.reports.all().delete()


# Offerings ------------------------------------------------------------------------------------


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
            price_model=price_model,
            cities=list(cities),
            languages=list(languages),
            contact_email=contact_email,
            pilot=pilot,
            published=published,
            language=language,
            translations=_translations(Offering, translations, language),
        )
        offering.providers.set(providers)
        offering.customer_groups.set(customer_groups)
        offering.themes.set(themes)
        if pilot is not None:
            _record(
                pilot,
                by=by,
                kind=PilotEvent.Kind.OFFERING,
                description=lambda: _("Offering created: %s") % offering.text("title"),
            )
        _offering_changed(offering)
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
            fields["translations"] = _translations(Offering, fields["translations"], language)
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
        _offering_changed(offering)
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
            _offering_changed(offering)
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
