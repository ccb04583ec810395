"""Residents' feedback on running pilots and its moderation."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import CustomerGroup
from partners import notices as following
from partners.channels import Channel

from .. import rules
from ..models import (
    Feedback,
    FeedbackReport,
    Pilot,
    PilotEvent,
)
from .common import (
    MarketplaceError,
    announce_pilot_changed,
    record_event,
)


class FeedbackError(MarketplaceError):
    pass


def check_customer_group(pilot: Pilot, customer_group) -> None:
    """Feedback names only one of its challenge's customer groups (or none)."""
    if customer_group is None:
        return
    if not CustomerGroup.objects.filter(
        challenges=pilot.proposal.challenge, pk=customer_group.pk
    ).exists():
        raise ValidationError(
            {"customer_group": _("Choose one of the challenge's customer groups.")}
        )


def feedback_give(
    *,
    pilot: Pilot,
    user,
    rating: int,
    comment: str = "",
    customer_group=None,
    channel: str = Channel.WEB,
) -> Feedback:
    """Give or edit a resident's feedback (one per resident per pilot)."""
    if not rules.can_give_feedback(user, pilot):
        raise FeedbackError(
            _("Feedback can be given by verified residents while the pilot runs or is evaluated.")
        )
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    check_customer_group(pilot, customer_group)
    values = {
        "rating": rating,
        "comment": comment,
        "customer_group": customer_group,
        "channel": channel,
    }
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
    following.follow_automatically(user, pilot)
    announce_pilot_changed(pilot)
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
        record_event(
            feedback.pilot,
            by=by,
            kind=PilotEvent.Kind.FEEDBACK,
            description=lambda: _("Feedback hidden: %s") % reason,
        )
        announce_pilot_changed(feedback.pilot)
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
        record_event(
            feedback.pilot,
            by=by,
            kind=PilotEvent.Kind.FEEDBACK,
            description=lambda: _("Feedback restored"),
        )
        announce_pilot_changed(feedback.pilot)
    return feedback


def feedback_dismiss_reports(*, feedback: Feedback, by) -> None:
    """Keep the feedback visible and clear its reports."""
    if not rules.can_moderate_feedback(by):
        raise FeedbackError(_("Only moderators can moderate feedback."))
    feedback.reports.all().delete()
