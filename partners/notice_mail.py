"""The notice and digest e-mails, and the signed token of their one-click unsubscribe link.

Rendered in the recipient's contact language when sent, with absolute links from SITE_URL, a
link to the notification choices and the RFC 8058 unsubscribe headers; sent by
`partners.delivery`.
"""

from django.conf import settings
from django.core import signing
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from .models import Delivery, Notification, User
from .services.mail import absolute_url, compose, url_in_language

Mode = Delivery.Mode
UNSUBSCRIBE_SALT = "tori.partners.delivery.unsubscribe"


def language_of(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def unsubscribe_token(user) -> str:
    """A signed token naming the person, for the unsubscribe link of their e-mails."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_for_token(token: str):
    """The person an unsubscribe token names, or None for a bad, tampered or stale one."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int) or isinstance(pk, bool):
        return None
    return User.objects.filter(pk=pk).first()


def _notice(notification: Notification, language: str) -> dict:
    return {
        "subject": notification.text("subject", language),
        "body": notification.text("body", language),
        "url": absolute_url(notification.url) if notification.url else "",
        "created_at": timezone.localtime(notification.created_at),
        "group_key": notification.group_key,
        "group": notification.text("group", language),
    }


def _groups(notices: list[dict]) -> list[dict]:
    """Notices grouped by challenge in the order they came; those of no challenge last, under
    "Other" when there are groups before them."""
    groups: dict[str, dict] = {}
    for notice in notices:
        key = notice["group_key"] if notice["group"] else ""
        group = groups.setdefault(key, {"title": notice["group"], "notices": []})
        group["notices"].append(notice)
    ungrouped = groups.pop("", None)
    ordered = list(groups.values())
    if ungrouped:
        if ordered:
            ungrouped["title"] = pgettext("digest group", "Other")
        ordered.append(ungrouped)
    return ordered


def _digest_subject(mode: str, count: int) -> str:
    if mode == Mode.DAILY:
        return _("Your daily digest from Tori")
    if mode == Mode.WEEKLY:
        return _("Your weekly digest from Tori")
    return ngettext("%(count)d new notice on Tori", "%(count)d new notices on Tori", count) % {
        "count": count
    }


def notice_message(person, notifications: list[Notification], *, mode: str = Mode.IMMEDIATE):
    """The e-mail of these notices to `person`: one notice, or a digest grouped by challenge."""
    language = language_of(person)
    with translation.override(language):
        notices = [_notice(n, language) for n in notifications]
        unsubscribe_url = url_in_language(
            language, "notifications:unsubscribe", token=unsubscribe_token(person)
        )
        context = {
            "user": person,
            "preferences_url": url_in_language(language, "notifications:preferences"),
            "unsubscribe_url": unsubscribe_url,
        }
        if mode == Mode.IMMEDIATE and len(notices) == 1:
            template, subject = "partners/email/notice", notices[0]["subject"]
            context["notice"] = notices[0]
        else:
            template, subject = "partners/email/digest", _digest_subject(mode, len(notices))
            context.update(notices=notices, groups=_groups(notices), mode=mode, count=len(notices))
    return compose(
        to=person.email,
        subject=subject,
        template=template,
        context=context,
        language=language,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
