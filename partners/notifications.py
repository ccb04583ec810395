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


def _param(value, language: str) -> str:
    # A param may be a function of the language: a proposal's title in that language, say.
    return str(value(language) if callable(value) else value)


def render_text(text, params=None, *, language: str) -> str:
    """A (lazy) text with %-style params, rendered in `language`. A param that is callable
    is called with the language (translated content: titles of proposals and challenges)."""
    with translation.override(language):
        value = str(text)
        if params:
            value = value % {k: _param(v, language) for k, v in params.items()}
    return value


def render_texts(subject, body, params=None) -> dict[str, dict[str, str]]:
    """{language: {"subject", "body"}} for every language of the site."""
    return {
        code: {
            "subject": render_text(subject, params, language=code)[:200],
            "body": render_text(body, params, language=code),
        }
        for code, _name in settings.LANGUAGES
    }


def notify(
    *, recipient, kind: str, subject, body="", url: str = "", params: dict | None = None
) -> Notification:
    """Store a notification and, after commit, e-mail it unless the recipient switched it off.

    `subject` and `body` may be lazy translations with %-placeholders filled from `params`;
    they are rendered in every language: the centre shows the one the person reads Tori in,
    the e-mail goes out in their contact language.
    """
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    texts = render_texts(subject, body, params)
    own = texts.get(language) or {
        "subject": render_text(subject, params, language=language)[:200],
        "body": render_text(body, params, language=language),
    }
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        subject=own["subject"],
        body=own["body"],
        texts=texts,
        url=url,
    )
    if recipient.email and email_enabled(user=recipient, kind=kind):
        transaction.on_commit(lambda: _send(notification))
    return notification


def _mail(*, to: str, subject: str, template: str, context: dict, language: str) -> None:
    """Send `template` rendered in `language`, marked as written in it."""
    with translation.override(language):
        text = render_to_string(template, {**context, "site_url": settings.SITE_URL})
    EmailMessage(subject=subject, body=text, to=[to], headers={"Content-Language": language}).send()


def _send(notification: Notification) -> None:
    recipient = notification.recipient
    _mail(
        to=recipient.email,
        subject=notification.subject,
        template="partners/email/notification.txt",
        context={
            "notification": notification,
            "user": recipient,
            "sent_at": timezone.localtime(notification.created_at),
        },
        language=recipient.preferred_language or settings.LANGUAGE_CODE,
    )


def send_email(
    *, to: str, subject, body, language: str, params: dict | None = None, url: str = ""
) -> None:
    """E-mail someone without an account (e.g. an invitee), after commit, in `language`."""
    subject_text = render_text(subject, params, language=language)
    body_text = render_text(body, params, language=language)

    transaction.on_commit(
        lambda: _mail(
            to=to,
            subject=subject_text,
            template="partners/email/message.txt",
            context={"body": body_text, "url": url, "sent_at": timezone.localtime()},
            language=language,
        )
    )


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(*, user, notification_ids=None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
