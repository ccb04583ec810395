"""In-app notifications with an e-mail copy in the recipient's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import EmailPreference, Notification


def email_enabled(*, user, kind: str) -> bool:
    pref = EmailPreference.objects.filter(user=user, kind=kind).first()
    return pref.enabled if pref else True


def notify(*, recipient, kind: str, subject, body="", url: str = "") -> Notification:
    """Store a notification and, after commit, e-mail it unless the recipient switched it off.

    `subject` and `body` may be lazy translations; they are rendered in the recipient's language.
    """
    with translation.override(recipient.preferred_language):
        subject_text = str(subject)
        body_text = str(body)
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, subject=subject_text[:200], body=body_text, url=url
    )
    if recipient.email and email_enabled(user=recipient, kind=kind):
        transaction.on_commit(lambda: _send(notification))
    return notification


def _send(notification: Notification) -> None:
    recipient = notification.recipient
    with translation.override(recipient.preferred_language):
        text = render_to_string(
            "partners/email/notification.txt",
            {"notification": notification, "user": recipient, "site_url": settings.SITE_URL},
        )
    send_mail(notification.subject, text, None, [recipient.email])
