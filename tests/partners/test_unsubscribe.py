"""One click in a notice e-mail stops notice e-mails, without signing in; opening the link
changes nothing (mail scanners open links), and a bad link gets a clear page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from partners import delivery, notice_mail
from partners.models import Delivery, NoticeDelivery, Notification
from partners.notifications import notify
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db

ONE_CLICK = "application/x-www-form-urlencoded"


def _mail_with_a_waiting_digest(capture):
    """A person who gets notices at once, and has one digest notice still waiting."""
    person = UserFactory(notice_delivery=NoticeDelivery.WEEKLY)
    with capture(execute=True):
        notify(recipient=person, kind="status_change", subject="Waiting for Monday")
        notify(recipient=person, kind="invitation", subject="Join our team")
    (message,) = mail.outbox
    return person, message


def _unsubscribe_path(message) -> str:
    match = re.fullmatch(r"<https?://[^/]+(/\S+)>", message.extra_headers["List-Unsubscribe"])
    assert match, message.extra_headers
    return match.group(1)


def test_every_notice_email_carries_one_click_unsubscribe_headers(
    django_capture_on_commit_callbacks,
):
    _person, message = _mail_with_a_waiting_digest(django_capture_on_commit_callbacks)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = _unsubscribe_path(message)
    assert path.startswith("/en/notifications/unsubscribe/")
    assert path in message.body


def test_opening_the_link_changes_nothing(client, django_capture_on_commit_callbacks):
    person, message = _mail_with_a_waiting_digest(django_capture_on_commit_callbacks)
    response = client.get(_unsubscribe_path(message))
    assert response.status_code == 200
    assert b'method="post"' in response.content
    person.refresh_from_db()
    assert person.notice_delivery == NoticeDelivery.WEEKLY
    assert Delivery.objects.filter(status=Delivery.Status.PENDING).count() == 1


def test_the_mail_clients_one_click_post_unsubscribes_without_a_session(
    django_capture_on_commit_callbacks,
):
    from django.test import Client

    person, message = _mail_with_a_waiting_digest(django_capture_on_commit_callbacks)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        _unsubscribe_path(message), data="List-Unsubscribe=One-Click", content_type=ONE_CLICK
    )
    assert response.status_code == 200
    assert reverse("notifications:preferences").encode() in response.content
    person.refresh_from_db()
    assert person.notice_delivery == NoticeDelivery.IN_APP
    assert Delivery.objects.get(notification__subject="Waiting for Monday").status == (
        Delivery.Status.CANCELLED
    )
    # From now on the notices are in Tori only.
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="comment", subject="A new comment")
    delivery.send_due_digests()
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=person, subject="A new comment").exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_or_tampered_link_gets_a_clear_400(client, method):
    person = UserFactory()
    token = notice_mail.unsubscribe_token(person)
    other = notice_mail.unsubscribe_token(UserFactory())
    tampered = token.split(":")[0] + ":" + other.split(":")[1]
    for bad in ("nonsense", tampered, token[:-2], "%00"):
        url = f"/en/notifications/unsubscribe/{bad}/"
        response = getattr(client, method)(url)
        assert response.status_code == 400, bad
        assert b"The link does not work" in response.content
    person.refresh_from_db()
    assert person.notice_delivery == NoticeDelivery.IMMEDIATE


def test_a_token_of_another_purpose_does_not_unsubscribe(client):
    from django.core import signing

    person = UserFactory()
    foreign = signing.dumps(person.pk)  # signed, but not for unsubscribing
    assert client.post(f"/en/notifications/unsubscribe/{foreign}/").status_code == 400
    person.refresh_from_db()
    assert person.notice_delivery == NoticeDelivery.IMMEDIATE
