"""Notice e-mails as each person chose them: at once, in a daily or weekly digest grouped by
challenge, or not at all; retried when the mail server is down and never sent twice."""

import datetime as dt
import io
import smtplib
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from partners import delivery
from partners.models import Delivery, EmailPreference, NoticeDelivery, Notification
from partners.notifications import notify
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
TUESDAY = dt.datetime(2026, 11, 24, 10, 0, tzinfo=HELSINKI)
WEDNESDAY_EARLY = dt.datetime(2026, 11, 25, 6, 59, tzinfo=HELSINKI)
WEDNESDAY = dt.datetime(2026, 11, 25, 7, 5, tzinfo=HELSINKI)
NEXT_MONDAY = dt.datetime(2026, 11, 30, 7, 0, tzinfo=HELSINKI)
BROKEN = "tests.partners.test_delivery.BrokenBackend"


class BrokenBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def _notice(person, subject="Your proposal was shortlisted", *, group=None, kind="status_change"):
    texts = {}
    if group:
        texts = {
            code: {"subject": subject, "body": "", "group": group[1]} for code in "fi sv en".split()
        }
    return Notification.objects.create(
        recipient=person,
        kind=kind,
        subject=subject,
        url="/en/proposals/1/",
        texts=texts,
        group_key=group[0] if group else "",
    )


def _schedule(capture, notifications):
    with capture(execute=True):
        return delivery.schedule(notifications)


def test_immediate_choice_sends_one_email_at_once(django_capture_on_commit_callbacks):
    person = UserFactory(notice_delivery=NoticeDelivery.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="status_change", subject="Shortlisted", body="Well done")
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert message.subject == "Shortlisted"
    assert "Well done" in message.body
    assert Delivery.objects.get().status == Delivery.Status.SENT


@pytest.mark.parametrize("choice", [NoticeDelivery.DAILY, NoticeDelivery.WEEKLY])
def test_digest_choices_send_nothing_until_the_digest_is_due(
    choice, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(TUESDAY, tick=False)
    person = UserFactory(notice_delivery=choice)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="status_change", subject="Shortlisted")
    assert mail.outbox == []
    time_machine.move_to(WEDNESDAY_EARLY, tick=False)
    delivery.send_due_digests()
    assert mail.outbox == []
    time_machine.move_to(WEDNESDAY, tick=False)
    delivery.send_due_digests()
    if choice == NoticeDelivery.WEEKLY:
        assert mail.outbox == []  # a weekly digest waits for Monday
        time_machine.move_to(NEXT_MONDAY, tick=False)
        delivery.send_due_digests()
    (digest,) = mail.outbox
    assert "Shortlisted" in digest.body
    assert ("daily" if choice == NoticeDelivery.DAILY else "weekly") in digest.subject
    person.refresh_from_db()
    assert person.last_digest_at is not None
    delivery.send_due_digests()  # the same period again: nothing more
    assert len(mail.outbox) == 1
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_digest_groups_notices_by_challenge(time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(TUESDAY, tick=False)
    person = UserFactory(notice_delivery=NoticeDelivery.DAILY)
    notices = [
        _notice(person, "Bikes selected", group=("challenge:1", "Greener streets")),
        _notice(person, "A note from staff"),
        _notice(person, "Library pilot started", group=("challenge:2", "Open libraries")),
        _notice(person, "Bikes pilot planned", group=("challenge:1", "Greener streets")),
    ]
    _schedule(django_capture_on_commit_callbacks, notices)
    time_machine.move_to(WEDNESDAY, tick=False)
    call_command("send_notices", stdout=io.StringIO())
    (digest,) = mail.outbox
    body = digest.body
    order = [
        body.index(text)
        for text in (
            "Greener streets",
            "Bikes selected",
            "Bikes pilot planned",
            "Open libraries",
            "Library pilot started",
            "Other",
            "A note from staff",
        )
    ]
    assert order == sorted(order)
    assert body.count("Greener streets") == 1
    html = digest.alternatives[0].content
    assert html.count("<h2") == 3


def test_in_tori_only_sends_no_email_but_keeps_the_notice(django_capture_on_commit_callbacks):
    person = UserFactory(notice_delivery=NoticeDelivery.IN_APP)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="status_change", subject="Shortlisted")
    delivery.send_due_digests(now=NEXT_MONDAY)
    assert mail.outbox == []
    assert not Delivery.objects.exists()
    assert Notification.objects.filter(recipient=person, subject="Shortlisted").exists()


def test_a_kind_switched_off_is_not_emailed(django_capture_on_commit_callbacks):
    person = UserFactory()
    EmailPreference.objects.create(user=person, kind="comment", enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="comment", subject="New comment")
    assert mail.outbox == []


def test_invitations_do_not_wait_for_the_digest(django_capture_on_commit_callbacks):
    person = UserFactory(notice_delivery=NoticeDelivery.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="invitation", subject="Join our team")
    assert [m.subject for m in mail.outbox] == ["Join our team"]


def test_a_bulk_decision_gives_each_follower_one_email(django_capture_on_commit_callbacks):
    followers = UserFactory.create_batch(3)
    notices = [
        _notice(person, f"Proposal {number} decided")
        for number in range(200)
        for person in followers
    ]
    _schedule(django_capture_on_commit_callbacks, notices)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in followers)
    message = mail.outbox[0]
    assert "200 new notices" in message.subject
    assert "Proposal 0 decided" in message.body and "Proposal 199 decided" in message.body
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 600


def test_a_failed_send_is_retried_by_the_command_and_sent_once(
    settings, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(TUESDAY, tick=False)
    person = UserFactory()
    settings.EMAIL_BACKEND = BROKEN
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="status_change", subject="Shortlisted")
    failed = Delivery.objects.get()
    assert failed.status == Delivery.Status.FAILED
    assert failed.attempts == 1
    assert "SMTPServerDisconnected" in failed.last_error
    assert failed.next_attempt_at == TUESDAY + dt.timedelta(minutes=5)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_notices", stdout=io.StringIO())
    assert mail.outbox == []  # not yet due
    time_machine.move_to(TUESDAY + dt.timedelta(minutes=6), tick=False)
    call_command("send_notices", stdout=io.StringIO())
    call_command("send_notices", stdout=io.StringIO())
    assert delivery.send_immediate_to(person.pk).sent == 0
    assert [m.subject for m in mail.outbox] == ["Shortlisted"]
    sent = Delivery.objects.get()
    assert sent.status == Delivery.Status.SENT and sent.sent_at is not None


def test_the_wait_grows_and_the_sixth_failure_gives_up(
    settings, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(TUESDAY, tick=False)
    settings.EMAIL_BACKEND = BROKEN
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=UserFactory(), kind="status_change", subject="Shortlisted")
    waits = []
    for _attempt in range(5):
        row = Delivery.objects.get()
        waits.append(row.next_attempt_at - dt.datetime.now(tz=HELSINKI))
        time_machine.move_to(row.next_attempt_at, tick=False)
        delivery.retry_due()
    assert waits == [dt.timedelta(minutes=5 * 2**n) for n in range(5)]
    row = Delivery.objects.get()
    assert (row.status, row.attempts, row.next_attempt_at) == (Delivery.Status.GAVE_UP, 6, None)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    time_machine.move_to(TUESDAY + dt.timedelta(days=2), tick=False)
    delivery.retry_due()
    assert mail.outbox == []


def test_a_delivery_is_claimed_once(django_capture_on_commit_callbacks):
    person = UserFactory(notice_delivery=NoticeDelivery.DAILY)
    pending = _schedule(django_capture_on_commit_callbacks, [_notice(person)])
    pks = [d.pk for d in pending]
    first, second = delivery.claim(pks), delivery.claim(pks)
    assert [d.pk for d in first] == pks and second == []
    # A sender that died after claiming leaves it SENDING: never sent again.
    delivery.send_due_digests(now=NEXT_MONDAY + dt.timedelta(days=7))
    delivery.retry_due(now=NEXT_MONDAY + dt.timedelta(days=7))
    assert mail.outbox == []
    assert Delivery.objects.get().status == Delivery.Status.SENDING


def test_the_task_comes_back_by_itself_when_the_backend_can_defer(
    settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    settings.EMAIL_BACKEND = BROKEN
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="status_change", subject="Shortlisted")
    (queued,) = default_task_backend.results
    assert queued.args == [person.pk]
    result = queued.task.call(*queued.args)
    assert result == 0
    retry = default_task_backend.results[-1]
    assert retry.task.run_after == Delivery.objects.get().next_attempt_at


def test_site_administrators_see_what_failed_and_why(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = BROKEN
    person = UserFactory(notice_delivery=NoticeDelivery.IMMEDIATE, email="maija@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="status_change", subject="Shortlisted")
    failed = Delivery.objects.get()
    assert failed.status == Delivery.Status.FAILED
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    listing = client.get("/admin/deliveries/?status=failed").content.decode()
    assert person.display_name in listing
    assert "Shortlisted" in listing
    assert client.get("/admin/deliveries/?status=sent").content.decode().count("Shortlisted") == 0
    inspect = client.get(f"/admin/deliveries/inspect/{failed.pk}/").content.decode()
    assert "Connection unexpectedly closed" in inspect
