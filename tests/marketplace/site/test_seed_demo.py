"""`seed_demo` builds every part of the demo and a second run changes nothing."""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Locale

from cms.models import ChallengePage


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"partners", "cms", "ideas", "marketplace", "search", "wagtailcore"}
        and model._meta.model_name not in {"modellogentry", "pagelogentry"}
    }


@pytest.mark.django_db
def test_seed_demo_is_complete_and_idempotent(mailoutbox, client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    phases = {
        page.phase for page in ChallengePage.objects.live().filter(locale__language_code="fi")
    }
    assert phases == {"upcoming", "proposals", "voting", "evaluation", "piloting", "closed"}
    assert "tori-demo-2026" in out.getvalue()
    assert mailoutbox == []  # the demo sends no e-mail
    first = row_counts()
    _insight_demo_is_there()
    _closed_challenge_shows_who_voted(client)

    call_command("seed_demo", stdout=io.StringIO())
    assert row_counts() == first


def _insight_demo_is_there():
    """A closed challenge's public breakdown with a hidden cell, a sensitive membership with
    explicit consent, and tester sign-ups on a running pilot, some contactable."""
    from cms.models import CustomerGroupMembership
    from marketplace import rules
    from marketplace.models import TesterSignup
    from marketplace.services import breakdowns

    shown = [
        breakdowns.challenge_votes(page)
        for page in ChallengePage.objects.live().filter(locale__language_code="fi")
        if rules.is_vote_breakdown_public(page)
    ]
    assert any(
        not table.is_empty
        and any(c.hidden for r in table.rows for c in r.cells)
        and any(not c.hidden for r in table.rows for c in r.cells)
        for table in shown
    )
    assert CustomerGroupMembership.objects.filter(group__sensitive=True, explicit_consent=True)
    signups = TesterSignup.objects.filter(slot__pilot__stage="running", cancelled_at=None)
    assert signups.filter(may_contact=True).exists() and signups.filter(may_contact=False).exists()


def _closed_challenge_shows_who_voted(client):
    """A closed challenge that had voting shows, in every language, the "Who voted" table with
    a hidden cell and shown ones; every vote is dated inside its voting period."""
    from ideas.models import Vote

    closed = [
        page
        for page in ChallengePage.objects.live().filter(locale__language_code="fi")
        if page.phase == "closed" and page.voting_open and Vote.objects.filter(challenge=page)
    ]
    assert closed, "no closed challenge had voting"
    challenge = closed[0]
    votes = Vote.objects.filter(challenge=challenge)
    assert not votes.filter(created_at__lt=challenge.voting_open).exists()
    assert not votes.filter(created_at__gt=challenge.voting_close).exists()
    for language, heading, hidden in (
        ("fi", "Ketkä äänestivät", "piilotettu"),
        ("sv", "Vilka som röstade", "dolt"),
        ("en", "Who voted", "hidden"),
    ):
        page = challenge.get_translation(Locale.objects.get(language_code=language))
        response = client.get(page.get_url())
        assert response.status_code == 200
        html = response.content.decode()
        section = html[html.index('class="challenge-breakdown"') :]
        section = section[: section.index("</section>")]
        assert heading in section
        cells = re.findall(r"<td>(.*?)</td>", section, re.S)
        assert any(hidden in cell for cell in cells)
        assert any(re.fullmatch(r"\s*([5-9]|\d{2,})\s*", cell) for cell in cells)
