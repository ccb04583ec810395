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

    call_command("seed_demo", stdout=io.StringIO())
    assert row_counts() == first
