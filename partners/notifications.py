"""In-app notifications; their e-mail goes out as each person chose (`partners.delivery`).

Other apps describe an event with lazy translations (`gettext_lazy`) and `params`; the text is
rendered here, inside `translation.override(recipient.preferred_language)`, so every recipient
reads it in their own language.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from .delivery import schedule
from .models import EmailPreference, Notification
from .services.mail import absolute_url, compose

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
    """Store a notification and e-mail it as the recipient chose (`partners.delivery`).

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
    schedule([notification])
    return notification


def send_email(
    *, to: str, subject, body, language: str, params: dict | None = None, url: str = ""
) -> None:
    """E-mail someone without an account (e.g. an invitee), after commit, in `language`."""
    message = compose(
        to=to,
        subject=render_text(subject, params, language=language),
        template="partners/email/message",
        context={
            "body": render_text(body, params, language=language),
            "url": absolute_url(url) if url else "",
            "sent_at": timezone.localtime(),
        },
        language=language,
    )
    transaction.on_commit(message.send)


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(*, user, notification_ids=None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
