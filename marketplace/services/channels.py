"""Feedback that comes in without an account: on site (QR code, kiosk), entered by staff on a
person's behalf, or imported from paper. One write for all of them, with its channel."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from partners.channels import Channel

from .. import rules
from ..models import Feedback, Pilot
from .common import announce_pilot_changed
from .feedback import FeedbackError, check_customer_group

ENTERED_ON_BEHALF_ACTION = "tori.feedback_entered_on_behalf"
ONSITE_SALT = "tori.marketplace.onsite-feedback"
WITHOUT_ACCOUNT = (Channel.QR, Channel.KIOSK, Channel.ASSISTED, Channel.PAPER)


def onsite_token(pilot: Pilot) -> str:
    """The pilot's part of its on-site feedback link: the link cannot be guessed from the
    pilot's number, so an unpublished pilot's form is never found by trying numbers."""
    return salted_hmac(ONSITE_SALT, str(pilot.pk)).hexdigest()[:16]


def onsite_token_valid(pilot: Pilot, token: str) -> bool:
    return constant_time_compare(onsite_token(pilot), token or "")


def feedback_record(
    *,
    pilot: Pilot,
    channel: str,
    rating: int,
    comment: str = "",
    customer_group=None,
    reply_email: str = "",
    entered_by=None,
    entry_consent: bool = False,
    person_name: str = "",
    import_key: str | None = None,
    created_at: datetime | None = None,
) -> tuple[Feedback, bool]:
    """Record one piece of feedback without an account. Returns (feedback, created): a row
    whose `import_key` was imported before is returned as it is, never duplicated. Staff's
    entry on a person's behalf names the person in the audit log (seen by staff only)."""
    if channel not in WITHOUT_ACCOUNT:
        raise FeedbackError(_("Feedback from the web is given with an account."))
    if channel == Channel.ASSISTED:
        if not rules.can_enter_on_behalf(entered_by):
            raise FeedbackError(_("Only staff can enter feedback on a person's behalf."))
        if not entry_consent:
            raise ValidationError(
                {"entry_consent": _("Enter it only when the person has consented.")}
            )
    elif channel in (Channel.QR, Channel.KIOSK) and not rules.is_onsite_feedback_open(pilot):
        raise FeedbackError(_("This pilot does not take feedback now."))
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    check_customer_group(pilot, customer_group)
    if import_key and Feedback.objects.filter(import_key=import_key).exists():
        return Feedback.objects.get(import_key=import_key), False
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                pilot=pilot,
                user=None,
                channel=channel,
                rating=int(rating),
                comment=comment,
                customer_group=customer_group,
                reply_email=reply_email,
                entered_by=entered_by if channel == Channel.ASSISTED else None,
                entry_consent=bool(entry_consent) and channel == Channel.ASSISTED,
                import_key=import_key or None,
            )
            if created_at is not None:
                Feedback.objects.filter(pk=feedback.pk).update(
                    created_at=created_at, updated_at=created_at
                )
            if channel == Channel.ASSISTED:
                log(
                    instance=feedback,
                    action=ENTERED_ON_BEHALF_ACTION,
                    user=entered_by,
                    data={"person": person_name},
                )
    except IntegrityError:  # the same row imported concurrently
        return Feedback.objects.get(import_key=import_key), False
    announce_pilot_changed(pilot)
    return feedback, True
