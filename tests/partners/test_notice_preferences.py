"""The notification choices page: how notices reach you, automatic following and the e-mail
of each kind."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from partners import delivery
from partners.models import Delivery, EmailPreference, NoticeDelivery
from partners.notifications import notify
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db


def test_the_page_offers_the_four_choices_as_labelled_radio_buttons(client):
    client.force_login(UserFactory())
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert page.count('type="radio"') == 4
    for label in NoticeDelivery.labels:
        assert str(label) in page
    assert "<legend" in page and 'name="auto_follow"' in page


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Follow automatically what I vote on, comment on or give feedback on"),
        (
            "fi",
            "Seuraa automaattisesti sitä, mistä äänestän, mitä kommentoin tai mistä annan "
            "palautetta",
        ),
        ("sv", "Följ automatiskt det jag röstar på, kommenterar eller ger respons på"),
    ],
)
def test_the_auto_follow_checkbox_is_labelled_as_a_sentence(client, language, label):
    client.force_login(UserFactory())
    with translation.override(language):
        page = client.get(reverse("notifications:preferences")).content.decode()
    assert f'<label for="id_auto_follow">{label}</label>' in page


def test_choosing_a_weekly_digest_and_no_auto_follow_is_saved(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory()
    client.force_login(person)
    response = client.post(
        reverse("notifications:preferences"),
        {"notice_delivery": "weekly", "status_change": "on", "invitation": "on"},
        follow=True,
    )
    assert "Your choices are saved." in response.content.decode()
    person.refresh_from_db()
    assert (person.notice_delivery, person.auto_follow) == (NoticeDelivery.WEEKLY, False)
    assert EmailPreference.objects.get(user=person, kind="comment").enabled is False
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="status_change", subject="Shortlisted")
    assert mail.outbox == []
    assert Delivery.objects.get().mode == Delivery.Mode.WEEKLY


def test_a_choice_that_is_not_offered_is_refused_without_a_500(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("notifications:preferences"), {"notice_delivery": "hourly"})
    assert response.status_code == 400
    person.refresh_from_db()
    assert person.notice_delivery == NoticeDelivery.IMMEDIATE


def test_switching_from_a_digest_to_at_once_sends_what_waits(django_capture_on_commit_callbacks):
    person = UserFactory(notice_delivery=NoticeDelivery.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="status_change", subject="Shortlisted")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        delivery.set_delivery_choice(person, NoticeDelivery.IMMEDIATE)
    assert [m.subject for m in mail.outbox] == ["Shortlisted"]
