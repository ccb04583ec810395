"""The notice and digest e-mails in Finnish, Swedish and English: names and titles exactly as
written in the plain part, escaped in the HTML part, every link absolute from SITE_URL."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail

from partners import delivery
from partners.models import NoticeDelivery, Notification
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db

NAME = "<b>Maija</b> & Co's 🚲"
TITLE = "Parks <b>& benches</b> 'now' 🌳"
ESCAPED_NAME = "&lt;b&gt;Maija&lt;/b&gt; &amp; Co&#x27;s 🚲"
ESCAPED_TITLE = "Parks &lt;b&gt;&amp; benches&lt;/b&gt; &#x27;now&#x27; 🌳"
GREETING = {"fi": "Hei", "sv": "Hej", "en": "Hello"}
DIGEST = {"fi": "Päivän kooste", "sv": "dagliga sammandrag", "en": "daily digest"}
CHOICES = {"fi": "Valitse, miten ilmoitukset", "sv": "Välj hur aviseringarna", "en": "Choose how"}
MONDAY = dt.datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))


def _notice(person, subject):
    texts = {
        code: {"subject": f"{subject} ({code})", "body": f"{NAME} wrote.", "group": TITLE}
        for code in ("fi", "sv", "en")
    }
    return Notification.objects.create(
        recipient=person,
        kind="comment",
        subject=subject,
        body="",
        url="/en/proposals/7/",
        texts=texts,
        group_key="challenge:7",
    )


def _links(text):
    return re.findall(r"https?://[^\s\"'<>]+", text)


def _check_links(message, language):
    html = message.alternatives[0].content
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs and all(href.startswith(settings.SITE_URL + "/") for href in hrefs), hrefs
    plain_links = _links(message.body)
    assert f"{settings.SITE_URL}/{language}/notifications/email/" in plain_links
    assert f"{settings.SITE_URL}/en/proposals/7/" in plain_links
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{settings.SITE_URL}/{language}/notifications/unsubscribe/")
    assert unsubscribe[1:-1] in plain_links


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_notice_email_in_each_language(language, django_capture_on_commit_callbacks):
    person = UserFactory(display_name=NAME, preferred_language=language)
    with django_capture_on_commit_callbacks(execute=True):
        delivery.schedule([_notice(person, TITLE)])
    (message,) = mail.outbox
    assert message.subject == f"{TITLE} ({language})"
    assert message.extra_headers["Content-Language"] == language
    assert f"{GREETING[language]} {NAME}," in message.body
    assert f"{NAME} wrote." in message.body and CHOICES[language] in message.body
    html = message.alternatives[0].content
    assert ESCAPED_NAME in html and ESCAPED_TITLE in html
    assert "<b>Maija</b>" not in html and "&lt;b&gt;" not in message.body
    assert f'lang="{language}"' in html
    _check_links(message, language)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_digest_email_in_each_language(
    language, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(MONDAY, tick=False)
    person = UserFactory(
        display_name=NAME, preferred_language=language, notice_delivery=NoticeDelivery.DAILY
    )
    with django_capture_on_commit_callbacks(execute=True):
        delivery.schedule([_notice(person, "First"), _notice(person, TITLE)])
    delivery.send_due_digests(now=MONDAY + dt.timedelta(days=1))
    (message,) = mail.outbox
    assert DIGEST[language] in message.subject
    assert f"{GREETING[language]} {NAME}," in message.body
    assert TITLE in message.body and f"{TITLE} ({language})" in message.body
    assert "&amp;" not in message.body
    html = message.alternatives[0].content
    assert ESCAPED_NAME in html and ESCAPED_TITLE in html and "<b>&" not in html
    _check_links(message, language)
