"""Notifications: in-app and e-mail, in the recipient's language, per-kind e-mail switches."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy

from ideas.models import TeamMember
from ideas.services import comments as comment_svc
from ideas.services.workflow import change_status
from partners.models import EmailPreference, Notification
from partners.notifications import notify
from tests.factories.partners import UserFactory

from .proposal_helpers import partner, private_root, proposal_with_lead, staff  # noqa: F401

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))


def active_language():
    return translation.get_language()


lazy_language = lazy(active_language, str)


def test_texts_are_rendered_in_the_recipients_language():
    """Lazy texts are evaluated inside the recipient's language, whatever the request's is."""
    with translation.override("en"):
        fi = notify(
            recipient=UserFactory(preferred_language="fi"),
            kind="comment",
            subject=lazy_language(),
            body=lazy_language(),
        )
        sv = notify(
            recipient=UserFactory(preferred_language="sv"), kind="comment", subject=lazy_language()
        )
    assert (fi.subject, fi.body, sv.subject) == ("fi", "fi", "sv")


def test_status_change_emails_in_finnish_and_swedish(
    time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(NOON, tick=False)
    proposal, lead = proposal_with_lead()
    lead.preferred_language = "fi"
    lead.save()
    swede = UserFactory(preferred_language="sv")
    TeamMember.objects.create(proposal=proposal, user=swede)
    editor = staff()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(proposal=proposal, to_status="shortlisted", by=editor, reason="Great fit")
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {lead.email, swede.email}
    finnish, swedish = by_recipient[lead.email], by_recipient[swede.email]
    assert finnish.extra_headers["Content-Language"] == "fi"
    assert swedish.extra_headers["Content-Language"] == "sv"
    # Dated as Finland writes dates, in both languages.
    assert "23.11.2026" in finnish.body and "marraskuuta" not in finnish.body
    assert "23.11.2026" in swedish.body and "november" not in swedish.body
    # The proposal's status in each language ("ett förslag" is "inlämnat").
    assert "Lähetetty" in finnish.body
    assert "Inlämnat" in swedish.body
    assert "Great fit" in finnish.body and proposal.title in swedish.subject
    assert Notification.objects.filter(kind="status_change").count() == 2
    assert "/fi/proposals/" in Notification.objects.get(recipient=lead).url
    assert "/sv/proposals/" in Notification.objects.get(recipient=swede).url


def test_new_comment_on_your_proposal_notifies_the_team_not_the_author(
    django_capture_on_commit_callbacks,
):
    proposal, lead = proposal_with_lead()
    resident = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        comment_svc.comment_post(proposal=proposal, author=resident, body="Question?")
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert Notification.objects.get(kind="comment").recipient == lead
    with django_capture_on_commit_callbacks(execute=True):
        comment_svc.comment_post(proposal=proposal, author=lead, body="Answer")
    assert Notification.objects.filter(kind="comment").count() == 1


def test_switched_off_email_kinds_still_notify_in_app(client, django_capture_on_commit_callbacks):
    proposal, lead = proposal_with_lead()
    client.force_login(lead)
    url = reverse("notifications:preferences")
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "notice_delivery": "immediate",
            "invitation": "on",
            "status_change": "on",
            "moderation": "on",
        },
    )  # comment off
    assert EmailPreference.objects.get(user=lead, kind="comment").enabled is False
    with django_capture_on_commit_callbacks(execute=True):
        comment_svc.comment_post(proposal=proposal, author=UserFactory(), body="Hello")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=lead, kind="comment").exists()
    page = client.get(reverse("notifications:list")).content.decode()
    assert proposal.title in page
    client.post(reverse("notifications:mark-read"))
    assert not Notification.objects.filter(recipient=lead, read_at__isnull=True).exists()


def test_notification_pages_need_sign_in(client):
    assert client.get(reverse("notifications:list")).status_code == 302
    assert client.get(reverse("notifications:preferences")).status_code == 302


def test_others_notifications_are_not_listed(client):
    note = notify(recipient=UserFactory(), kind="comment", subject="Private subject")
    client.force_login(UserFactory())
    assert note.subject not in client.get(reverse("notifications:list")).content.decode()
