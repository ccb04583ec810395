"""How notices reach people by e-mail: at once, in a daily or weekly digest, or not at all.

`schedule()` records one `Delivery` per notice that is to be e-mailed and, after the commit,
enqueues one task per person with something to send at once, however many notices the call
got: a decision on 200 proposals gives each follower one e-mail, not 200.

Sending is at most once. A sender claims deliveries by writing its own token on the rows still
waiting (one UPDATE, so two workers never claim the same row, on SQLite too) and sends only
what it claimed. A failed send (the SMTP server down) marks them FAILED with a growing wait
(5 min × 2^attempts) and they are retried, by the task itself when the task backend can defer,
and by the `send_notices` command, until GAVE_UP after six attempts. A SENT or SENDING delivery
is never claimed again: if a process dies between handing the mail to the SMTP server and
marking it SENT, the delivery stays SENDING and is not sent again (a notice lost rather than
sent twice).

Every e-mail is rendered in the recipient's contact language when it is sent, links are
absolute from SITE_URL, and it carries a link to the preferences and a one-click unsubscribe
link (RFC 8058 headers).
"""

from __future__ import annotations

import smtplib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Delivery, EmailPreference, NoticeDelivery, Notification, User
from .notice_mail import notice_message

Mode = Delivery.Mode
Status = Delivery.Status

WAITING = [Status.PENDING, Status.FAILED]
MAX_ATTEMPTS = 6
FIRST_RETRY = timedelta(minutes=5)
# An immediate delivery still waiting this long after it was made lost its task (the process
# stopped between the commit and the enqueue); the command sends it.
LOST_AFTER = timedelta(minutes=10)
# Invitations, moderation and what staff entered on a person's behalf do not wait for a digest.
ALWAYS_AT_ONCE = {
    Notification.Kind.INVITATION,
    Notification.Kind.MODERATION,
    Notification.Kind.ON_BEHALF,
}
SEND_ERRORS = (smtplib.SMTPException, OSError)
MODE_OF_CHOICE = {
    NoticeDelivery.IMMEDIATE: Mode.IMMEDIATE,
    NoticeDelivery.DAILY: Mode.DAILY,
    NoticeDelivery.WEEKLY: Mode.WEEKLY,
}
_CHUNK = 500


@dataclass(frozen=True)
class Outcome:
    """What a send did: e-mails and notices sent, notices failed, when to retry."""

    emails: int = 0
    sent: int = 0
    failed: int = 0
    retry_at: datetime | None = None

    def __add__(self, other: Outcome) -> Outcome:
        retries = [at for at in (self.retry_at, other.retry_at) if at is not None]
        return Outcome(
            emails=self.emails + other.emails,
            sent=self.sent + other.sent,
            failed=self.failed + other.failed,
            retry_at=min(retries) if retries else None,
        )


def _chunks(items: list, size: int = _CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Scheduling -------------------------------------------------------------------------


def _mode(person, kind: str) -> str:
    if kind in ALWAYS_AT_ONCE:
        return Mode.IMMEDIATE
    return MODE_OF_CHOICE[person.notice_delivery]


def schedule(notifications: Iterable[Notification]) -> list[Delivery]:
    """Record the e-mail deliveries of saved notifications; enqueue the sends after commit.

    A notice is e-mailed when the recipient has an address, has not chosen "in Tori only" and
    has not switched off e-mail for its kind."""
    notifications = list(notifications)
    if not notifications:
        return []
    ids = {n.recipient_id for n in notifications}
    people = User.objects.in_bulk(ids)
    switched_off = set(
        EmailPreference.objects.filter(user_id__in=ids, enabled=False).values_list(
            "user_id", "kind"
        )
    )
    already = set()
    for chunk in _chunks([n.pk for n in notifications]):
        already.update(
            Delivery.objects.filter(notification_id__in=chunk).values_list(
                "notification_id", flat=True
            )
        )
    deliveries = []
    for notification in notifications:
        person = people.get(notification.recipient_id)
        if (
            person is None
            or not person.email
            or person.notice_delivery == NoticeDelivery.IN_APP
            or (person.pk, notification.kind) in switched_off
            or notification.pk in already
        ):
            continue
        deliveries.append(
            Delivery(
                notification=notification,
                recipient=person,
                mode=_mode(person, notification.kind),
            )
        )
    Delivery.objects.bulk_create(deliveries, batch_size=_CHUNK)
    _enqueue_after_commit({d.recipient_id for d in deliveries if d.mode == Mode.IMMEDIATE})
    return deliveries


def _enqueue_after_commit(user_ids) -> None:
    user_ids = sorted(user_ids)
    if user_ids:
        transaction.on_commit(lambda: _enqueue(user_ids))


def _enqueue(user_ids: list[int]) -> None:
    from .tasks import send_immediate

    for user_id in user_ids:
        send_immediate.enqueue(user_id)


def set_delivery_choice(user, choice: str) -> None:
    """Change how the person's notices reach them, and what is still waiting with it:
    "in Tori only" cancels every waiting e-mail; another choice moves waiting digest notices
    to the new choice."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(notice_delivery=choice)
        user.notice_delivery = choice
        waiting = Delivery.objects.filter(recipient=user, status__in=WAITING)
        if choice == NoticeDelivery.IN_APP:
            waiting.update(status=Status.CANCELLED, claim="", next_attempt_at=None)
            return
        mode = MODE_OF_CHOICE[choice]
        moved = (
            waiting.filter(status=Status.PENDING)
            .exclude(mode=Mode.IMMEDIATE)
            .exclude(mode=mode)
            .update(mode=mode)
        )
        if moved and mode == Mode.IMMEDIATE:
            _enqueue_after_commit([user.pk])


def unsubscribe(user) -> None:
    """No more notice e-mails: the person reads their notices in Tori."""
    set_delivery_choice(user, NoticeDelivery.IN_APP)


# --- Sending ----------------------------------------------------------------------------


def claim(pks) -> list[Delivery]:
    """Take the deliveries among `pks` that are still waiting, so no other sender sends them."""
    pks = list(pks)
    if not pks:
        return []
    token = uuid.uuid4().hex
    for chunk in _chunks(pks):
        Delivery.objects.filter(pk__in=chunk, status__in=WAITING).update(
            status=Status.SENDING, claim=token
        )
    return list(
        Delivery.objects.filter(claim=token, status=Status.SENDING)
        .select_related("notification", "recipient")
        .order_by("notification__created_at", "notification_id")
    )


def _failed(deliveries: list[Delivery], error: Exception, now: datetime) -> Outcome:
    text = f"{type(error).__name__}: {error}"[:2000]
    retry_at = None
    for delivery in deliveries:
        attempts = delivery.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            status, next_at = Status.GAVE_UP, None
        else:
            status, next_at = Status.FAILED, now + FIRST_RETRY * 2**delivery.attempts
            retry_at = min(retry_at, next_at) if retry_at else next_at
        Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
            status=status, attempts=attempts, last_error=text, next_attempt_at=next_at, claim=""
        )
    return Outcome(failed=len(deliveries), retry_at=retry_at)


def deliver(deliveries: list[Delivery], *, mode: str, now: datetime | None = None) -> Outcome:
    """Send claimed deliveries of one person as one e-mail and record how it went."""
    if not deliveries:
        return Outcome()
    now = now or timezone.now()
    person = deliveries[0].recipient
    pks = [d.pk for d in deliveries]
    if not person.email:
        Delivery.objects.filter(pk__in=pks).update(status=Status.CANCELLED, claim="")
        return Outcome()
    message = notice_message(person, [d.notification for d in deliveries], mode=mode)
    try:
        message.send()
    except SEND_ERRORS as error:
        return _failed(deliveries, error, now)
    Delivery.objects.filter(pk__in=pks, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None
    )
    return Outcome(emails=1, sent=len(deliveries))


def send_immediate_to(user_id: int, *, now: datetime | None = None) -> Outcome:
    """Send the person's immediate notices that are waiting or due for a retry: one e-mail."""
    now = now or timezone.now()
    due = Delivery.objects.filter(recipient_id=user_id, mode=Mode.IMMEDIATE).filter(
        Q(status=Status.PENDING) | Q(status=Status.FAILED, next_attempt_at__lte=now)
    )
    return deliver(claim(due.values_list("pk", flat=True)), mode=Mode.IMMEDIATE, now=now)


def retry_due(*, now: datetime | None = None) -> Outcome:
    """Send again what failed and is due, and immediate notices whose task was lost: one
    e-mail per person."""
    now = now or timezone.now()
    due = Delivery.objects.filter(
        Q(status=Status.FAILED, next_attempt_at__lte=now)
        | Q(status=Status.PENDING, mode=Mode.IMMEDIATE, created_at__lt=now - LOST_AFTER)
    )
    by_person: dict[int, list[tuple[int, str]]] = {}
    for pk, user_id, mode in due.values_list("pk", "recipient_id", "mode").order_by("pk"):
        by_person.setdefault(user_id, []).append((pk, mode))
    total = Outcome()
    for rows in by_person.values():
        modes = {mode for _pk, mode in rows}
        mode = modes.pop() if len(modes) == 1 else Mode.IMMEDIATE
        total += deliver(claim(pk for pk, _mode in rows), mode=mode, now=now)
    return total


# --- Digests ----------------------------------------------------------------------------


def digest_hour() -> int:
    return settings.TORI_DIGEST_HOUR


def period_start(mode: str, now: datetime) -> datetime:
    """When the current digest period began: today's (daily) or this Monday's (weekly)
    TORI_DIGEST_HOUR o'clock in the site's time zone, the previous one before that hour."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = timezone.localtime(now, zone)
    day = local.date()
    step = timedelta(days=1)
    if mode == Mode.WEEKLY:
        day -= timedelta(days=day.weekday())
        step = timedelta(days=7)
    start = datetime.combine(day, time(digest_hour()), tzinfo=zone)
    if start > local:
        start = datetime.combine(day - step, time(digest_hour()), tzinfo=zone)
    return start


def send_due_digests(*, now: datetime | None = None) -> dict[str, Outcome]:
    """Send every digest that is due: one e-mail per person with every notice waiting for it.

    A person's digest is due once per period, when something waits from before the period
    began; `last_digest_at` records it, so a second run in the same period sends nothing."""
    now = now or timezone.now()
    results = {}
    for mode in (Mode.DAILY, Mode.WEEKLY):
        start = period_start(mode, now)
        people = (
            User.objects.filter(notice_delivery=mode)
            .filter(Q(last_digest_at__isnull=True) | Q(last_digest_at__lt=start))
            .filter(
                deliveries__mode=mode,
                deliveries__status=Status.PENDING,
                deliveries__created_at__lt=start,
            )
            .distinct()
            .order_by("pk")
        )
        total = Outcome()
        for person in people:
            waiting = Delivery.objects.filter(
                recipient=person, mode=mode, status=Status.PENDING
            ).values_list("pk", flat=True)
            User.objects.filter(pk=person.pk).update(last_digest_at=now)
            total += deliver(claim(waiting), mode=mode, now=now)
        results[mode] = total
    return results
