"""In-app notifications with an e-mail copy in the recipient's language.

Other apps describe an event with lazy translations (`gettext_lazy`) and `params`; the text is
rendered here, inside `translation.override(recipient.preferred_language)`, so every recipient
reads it in their own language.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import EmailPreference, Notification

Kind = Notification.Kind


def email_enabled(*, user, kind: str) -> bool:
    pref = EmailPreference.objects.filter(user=user, kind=kind).first()
    return pref.enabled if pref else True


def email_preferences(*, user) -> dict[str, bool]:
    """Every notification kind and whether its e-mail is on for the user."""
    stored = dict(EmailPreference.objects.filter(user=user).values_list("kind", "enabled"))
    return {kind: stored.get(kind, True) for kind in Kind.values}


def set_email_preferences(*, user, enabled: dict[str, bool]) -> None:
    with transaction.atomic():
        for kind in Kind.values:
            EmailPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"enabled": bool(enabled.get(kind, False))}
            )


def render_text(text, params=None, *, language: str) -> str:
    """A (lazy) text with %-style params, rendered in `language`."""
    with translation.override(language):
        value = str(text)
        if params:
            value = value % {k: str(v) for k, v in params.items()}
    return value


def notify(
    *, recipient, kind: str, subject, body="", url: str = "", params: dict | None = None
) -> Notification:
    """Store a notification and, after commit, e-mail it unless the recipient switched it off.

    `subject` and `body` may be lazy translations with %-placeholders filled from `params`;
    they are rendered in the recipient's language.
    """
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    subject_text = render_text(subject, params, language=language)
    body_text = render_text(body, params, language=language)
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, subject=subject_text[:200], body=body_text, url=url
    )
    if recipient.email and email_enabled(user=recipient, kind=kind):
        transaction.on_commit(lambda: _send(notification))
    return notification


def _send(notification: Notification) -> None:
    recipient = notification.recipient
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        text = render_to_string(
            "partners/email/notification.txt",
            {
                "notification": notification,
                "user": recipient,
                "site_url": settings.SITE_URL,
                "sent_at": timezone.localtime(notification.created_at),
            },
        )
    EmailMessage(
        subject=notification.subject,
        body=text,
        to=[recipient.email],
        headers={"Content-Language": language},
    ).send()


def send_email(
    *, to: str, subject, body, language: str, params: dict | None = None, url: str = ""
) -> None:
    """E-mail someone without an account (e.g. an invitee), after commit, in `language`."""
    subject_text = render_text(subject, params, language=language)
    body_text = render_text(body, params, language=language)

    def _deliver():
        with translation.override(language):
            text = render_to_string(
                "partners/email/message.txt",
                {
                    "body": body_text,
                    "url": url,
                    "site_url": settings.SITE_URL,
                    "sent_at": timezone.localtime(),
                },
            )
        EmailMessage(
            subject=subject_text, body=text, to=[to], headers={"Content-Language": language}
        ).send()

    transaction.on_commit(_deliver)


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(*, user, notification_ids=None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
