"""Response deadlines: the decision date on the challenge, the staff's overdue list and count,
and the public response times per organising unit."""

import io
import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from cms.models import ChallengePage
from ideas.demo import scores as demo
from ideas.models import StatusChange
from ideas.rules.reviews import can_view_overdue_decisions, can_view_response_times
from ideas.selectors.response_times import (
    overdue_proposals,
    response_times,
    twelve_months_before,
)
from tests.cms.test_validation import (
    _admin_post,
    _errors,
    _start,
    admin_client_user,  # noqa: F401  (a fixture)
)
from tests.factories.cms import challenge_index, make_challenge, publish_translation
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import UserFactory
from tests.factories.reviews import make_evaluator, make_staff

DAY = timedelta(days=1)
pytestmark = pytest.mark.django_db


def decided(proposal, *, at, to="declined", submitted=None):
    """Record the decision on `proposal` at `at` (the team submitted it `submitted` before)."""
    if submitted is not None:
        proposal.submitted_at = at - submitted
    proposal.status = to
    proposal.save(update_fields=["status", "submitted_at"])
    change = StatusChange.objects.create(proposal=proposal, from_status="submitted", to_status=to)
    StatusChange.objects.filter(pk=change.pk).update(created_at=at)
    return change


# --- The decision date on the challenge ---------------------------------------------------


def test_decisions_cannot_be_due_before_proposals_close():
    start = _start()
    errors = _errors(decisions_due=start + 9 * DAY)  # proposals close on day 10
    assert errors["decisions_due"] == ["Decisions cannot be due before proposals close."]
    # When proposals close, or empty (= when the evaluation ends), is fine.
    closing = {"proposals_close": start + 10 * DAY, "pilots_end": start}
    assert "decisions_due" not in _errors(decisions_due=start + 10 * DAY, **closing)
    assert "decisions_due" not in _errors(decisions_due=None, **closing)


def test_the_admin_form_shows_the_decision_date_error_on_its_field(admin_client_user):  # noqa: F811
    response = _admin_post(
        admin_client_user,
        challenge_index(),
        decisions_due=(_start() + 2 * DAY).strftime("%Y-%m-%d %H:%M"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["decisions_due"] == [
        "Decisions cannot be due before proposals close."
    ]


def test_the_challenge_page_says_by_when_decisions_come(client):
    challenge = make_challenge(phase="evaluation")

    def shown(html):
        found = re.search(r"<dt>Päätökset viimeistään</dt>\s*<dd[^>]*>([^<]*)</dd>", html)
        return found.group(1) if found else None

    def finnish(moment):
        with translation.override("fi"):
            return date_format(timezone.localtime(moment), "DATETIME_FORMAT")

    # Empty: when the evaluation ends.
    assert shown(client.get(challenge.url).content.decode()) == finnish(challenge.evaluation_end)
    challenge.decisions_due = challenge.evaluation_end + 7 * DAY
    challenge.save_revision().publish()
    assert shown(client.get(challenge.url).content.decode()) == finnish(challenge.decisions_due)


# --- Overdue decisions --------------------------------------------------------------------


def test_overdue_are_submitted_proposals_past_the_due_time_without_a_decision():
    now = timezone.now()
    past_due = make_challenge(phase="piloting", title="Past due")  # evaluation ended 5 days ago
    extended = make_challenge(phase="piloting", decisions_due=now + 3 * DAY)
    waiting = ProposalFactory(challenge=past_due, title="Waiting")
    decided(ProposalFactory(challenge=past_due), at=now - DAY)
    ProposalFactory(challenge=past_due, status="draft")
    ProposalFactory(challenge=past_due, status="withdrawn")
    ProposalFactory(challenge=extended)  # not due yet
    ProposalFactory(challenge=make_challenge(phase="evaluation"))  # not due yet
    rows = list(overdue_proposals(now=now))
    assert rows == [waiting]
    assert rows[0].due_at == past_due.evaluation_end


def test_overdue_decisions_are_listed_for_staff(client):
    now = timezone.now()
    old = make_challenge(phase="closed", title="Old challenge")
    recent = make_challenge(phase="piloting", title="Recent challenge")
    ProposalFactory(challenge=old, title="Long forgotten")
    ProposalFactory(challenge=recent, title="Just late")
    client.force_login(make_staff())
    html = client.get("/admin/evaluation/overdue/").content.decode()
    assert "2 proposals are waiting for a decision past their due time." in html
    assert html.index("Long forgotten") < html.index("Just late")  # longest overdue first
    assert f"<td>{(now - old.evaluation_end).days}</td>" in html
    html = client.get(f"/admin/evaluation/overdue/?challenge={recent.pk}").content.decode()
    assert "Just late" in html
    assert "Long forgotten" not in html
    assert client.get("/admin/evaluation/overdue/?challenge=nonsense").status_code == 200


def test_the_overdue_list_is_for_staff_only(client):
    assert can_view_overdue_decisions(make_staff())
    for user in (UserFactory(), make_evaluator()):
        assert not can_view_overdue_decisions(user)
        client.force_login(user)
        assert client.get("/admin/evaluation/overdue/").status_code == 302


def test_the_overdue_list_takes_a_constant_number_of_queries(client):
    challenge = make_challenge(phase="piloting")
    ProposalFactory(challenge=challenge)
    client.force_login(make_staff())
    client.get("/admin/evaluation/overdue/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/evaluation/overdue/")
    for _ in range(10):
        ProposalFactory(challenge=make_challenge(phase="closed"))
    client.get("/admin/evaluation/overdue/")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/admin/evaluation/overdue/")
    assert "11 proposals are waiting" in response.content.decode()
    assert len(many) == len(few)


def test_the_staff_dashboard_counts_overdue_decisions(client):
    challenge = make_challenge(phase="piloting")
    ProposalFactory(challenge=challenge)
    ProposalFactory(challenge=challenge)
    client.force_login(make_staff())
    html = client.get("/admin/marketplace/dashboard/").content.decode()
    assert "2 submitted proposals are waiting for a decision past their due time." in html
    assert "/admin/evaluation/overdue/" in html


# --- Response times -----------------------------------------------------------------------


def unit_challenge(unit, **fields):
    return make_challenge(phase="piloting", owner_unit=unit, **fields)


def decisions(challenge, days, *, now, on_time=None, ago=10 * DAY):
    """Decisions `ago` before now, each `days[i]` days after submission; the first `on_time`
    by the challenge's due time (the rest after it)."""
    on_time = len(days) if on_time is None else on_time
    due = now - ago
    ChallengePage.objects.filter(pk=challenge.pk).update(decisions_due=due)
    for index, number in enumerate(days):
        at = due - DAY if index < on_time else due + DAY
        decided(ProposalFactory(challenge=challenge), at=at, submitted=number * DAY)


def test_median_days_and_on_time_share_per_unit():
    now = timezone.now()
    decisions(unit_challenge("Espoo City Museum"), [1, 2, 3, 10, 40], now=now, on_time=4)
    decisions(unit_challenge("Espoo libraries"), [2, 4, 6, 8, 10, 12], now=now, on_time=3)
    museum, libraries = response_times(now=now)
    assert libraries.unit == "Espoo libraries"
    assert (museum.decisions, museum.median_days, museum.on_time) == (5, 3, 4)
    assert museum.on_time_percent == 80
    assert (libraries.decisions, libraries.median_days, libraries.on_time) == (6, 7, 3)
    assert libraries.on_time_percent == 50


def test_only_the_first_decision_counts():
    now = timezone.now()
    challenge = unit_challenge("Espoo City Museum")
    decisions(challenge, [1, 1, 1, 1], now=now)
    shortlisted = ProposalFactory(challenge=challenge)
    decided(shortlisted, at=now - 20 * DAY, to="shortlisted", submitted=2 * DAY)
    later = StatusChange.objects.create(
        proposal=shortlisted, from_status="shortlisted", to_status="selected"
    )
    StatusChange.objects.filter(pk=later.pk).update(created_at=now - DAY)
    [unit] = response_times(now=now)
    assert unit.decisions == 5
    assert unit.median_days == 1


def test_the_window_is_the_last_12_months():
    now = timezone.make_aware(datetime(2026, 12, 4, 12, 0))
    assert twelve_months_before(now) == timezone.make_aware(datetime(2025, 12, 4, 12, 0))
    assert twelve_months_before(timezone.make_aware(datetime(2028, 2, 29))).day == 28
    challenge = unit_challenge("Espoo City Museum")
    decisions(challenge, [1, 1, 1, 1, 1], now=now, ago=360 * DAY)  # inside
    decisions(challenge, [9, 9, 9], now=now, ago=370 * DAY)  # more than 12 months ago
    [unit] = response_times(now=now)
    assert unit.decisions == 5
    assert unit.median_days == 1


def test_fewer_than_five_decisions_show_no_figures(client):
    now = timezone.now()
    decisions(unit_challenge("Small unit"), [1, 2, 3, 4], now=now)
    decisions(unit_challenge("Big unit"), [1, 2, 3, 4, 5], now=now)
    [big, small] = response_times(now=now)
    assert (small.decisions, small.median_days, small.on_time_percent) == (4, None, None)
    assert big.median_days == 3
    html = client.get("/en/response-times/").content.decode()
    assert "Too few decisions to report" in html
    assert html.count("Too few decisions to report") == 1
    # Not even the count of a small unit's decisions is shown.
    assert re.search(r'Small unit</th>\s*<td colspan="3">Too few decisions', html)
    assert "3.0 days" in html
    assert "100% (5 of 5)" in html


def test_confidential_proposals_count_but_private_challenges_do_not():
    now = timezone.now()
    challenge = unit_challenge("Espoo City Museum", proposals_public=False)
    decisions(challenge, [1, 2, 3, 4, 5], now=now)
    decisions(unit_challenge("Unpublished unit", publish=False), [1, 1, 1, 1, 1], now=now)
    [unit] = response_times(now=now)
    assert (unit.unit, unit.decisions) == ("Espoo City Museum", 5)


def test_the_page_in_finnish_and_swedish(client):
    now = timezone.now()
    challenge = unit_challenge("Espoon kaupunginmuseo", title="Haaste")
    decisions(challenge, [1, 2, 3.5, 10, 40], now=now, on_time=4)
    publish_translation(challenge, "sv", title="Utmaning", owner_unit="Esbo stadsmuseum")
    fi = client.get("/fi/response-times/").content.decode()
    assert "Vastausajat" in fi
    assert "Espoon kaupunginmuseo" in fi
    assert "3,5 päivää" in fi
    assert "80 % (4/5)" in fi
    sv = client.get("/sv/response-times/").content.decode()
    assert "Esbo stadsmuseum" in sv
    assert "3,5 dagar" in sv
    assert "80 % (4 av 5)" in sv


def test_the_page_is_public_and_linked_from_the_footer(client):
    assert can_view_response_times(UserFactory())
    response = client.get("/en/response-times/")
    assert response.status_code == 200
    assert 'href="/en/response-times/"' in response.content.decode()
    assert "No decisions in the last 12 months." in response.content.decode()


def test_the_page_takes_a_constant_number_of_queries(client):
    now = timezone.now()
    decisions(unit_challenge("Espoo City Museum"), [1, 2, 3, 4, 5], now=now)
    client.get("/en/response-times/")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/response-times/")
    for index in range(4):
        decisions(unit_challenge(f"Unit {index}"), [1, 2, 3, 4, 5], now=now)
    client.get("/en/response-times/")
    with CaptureQueriesContext(connection) as many:
        html = client.get("/en/response-times/").content.decode()
    assert "Unit 3" in html
    assert len(many) == len(few)


def test_the_demo_makes_a_decision_overdue_idempotently():
    challenge = make_challenge(phase="evaluation")
    waiting = ProposalFactory(challenge=challenge)
    make_evaluator(email="evaluator@example.org")
    assert not list(overdue_proposals())
    demo.seed(stdout=io.StringIO())
    challenge.refresh_from_db()
    due = challenge.decisions_due
    assert due == challenge.voting_close + 2 * DAY
    assert list(overdue_proposals()) == [waiting]
    demo.seed(stdout=io.StringIO())
    challenge.refresh_from_db()
    assert challenge.decisions_due == due
