"""No word said twice in a row and no doubled full stop where a status or a time is shown."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.html import strip_tags

from ideas.models import ProposalStatus

from .proposal_helpers import challenge, partner, proposal_with_lead  # noqa: F401

pytestmark = pytest.mark.django_db


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", "", html)
    return re.sub(r"\s+", " ", strip_tags(html))


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_a_submitted_proposal_says_submitted_once(client, lang):
    proposal, _lead = proposal_with_lead()
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_at = timezone.now()
    proposal.save()
    with translation.override(lang):
        url = proposal.get_absolute_url()
        word = str(ProposalStatus.SUBMITTED.label)
    text = visible_text(client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode())
    assert word in text
    assert not re.search(rf"\b{word}\W+{word}\b", text), text


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_a_time_at_the_end_of_a_sentence_takes_one_full_stop(lang):
    at = datetime(2026, 12, 3, 14, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    template = Template(
        '{% load i18n %}{% blocktranslate with status="Selected" at=at|date:"DATETIME_FORMAT" %}'
        "{{ status }} on {{ at }}.{% endblocktranslate %} {{ at|time }}."
    )
    with translation.override(lang):
        text = template.render(Context({"at": at}))
    assert ".." not in text and "p.m" not in text, text
