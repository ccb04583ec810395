"""`seed_demo` builds every part of the demo and a second run changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

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
def test_seed_demo_is_complete_and_idempotent(mailoutbox):
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
