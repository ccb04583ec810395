"""Notifications are rendered in the reader's language when shown or sent, not stored in one:
the notification centre follows the language the person reads Tori in, the e-mail their
contact language, and translated titles follow too."""

import pytest
from django.core import mail

from ideas.models import TeamMember
from ideas.services.workflow import change_status
from partners.models import Notification
from tests.factories.partners import UserFactory
from tests.ideas.proposal_helpers import proposal_with_lead, staff

pytestmark = pytest.mark.django_db


def _status_notice(django_capture_on_commit_callbacks):
    proposal, _lead = proposal_with_lead()
    proposal.language = "fi"
    proposal.title = "Museo pyörillä"
    proposal.translations = {"sv": {"title": "Museum på hjul"}}
    proposal.save()
    reader = UserFactory(preferred_language="fi")
    TeamMember.objects.create(proposal=proposal, user=reader)
    with django_capture_on_commit_callbacks(execute=True):
        change_status(proposal=proposal, to_status="shortlisted", by=staff(), reason="")
    return reader, Notification.objects.get(recipient=reader)


def test_the_centre_shows_a_notice_in_the_language_the_page_is_in(
    client, django_capture_on_commit_callbacks
):
    reader, notice = _status_notice(django_capture_on_commit_callbacks)
    client.force_login(reader)
    with_finnish = client.get("/fi/notifications/")
    swedish = client.get("/sv/notifications/").content.decode()
    assert "Museo pyörillä" in with_finnish.content.decode()
    assert "Museum på hjul" in swedish
    assert notice.text("subject", "fi") in with_finnish.content.decode()
    assert notice.text("subject", "sv") in swedish
    assert notice.text("subject", "sv") != notice.text("subject", "fi")


def test_the_email_goes_out_in_the_contact_language_with_the_translated_title(
    django_capture_on_commit_callbacks,
):
    _reader, notice = _status_notice(django_capture_on_commit_callbacks)
    sent = [m for m in mail.outbox if m.to == [notice.recipient.email]]
    assert len(sent) == 1
    assert "Museo pyörillä" in sent[0].subject
    assert sent[0].extra_headers["Content-Language"] == "fi"
    # The English text falls back to the proposal's original title.
    assert "Museo pyörillä" in notice.text("subject", "en")
