"""The phase at every boundary instant, with the clock frozen (Europe/Helsinki)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cms.models import ChallengePage
from cms.phases import Phase, Schedule, phase_at
from tests.factories.cms import make_challenge

# Building a page looks up its content type: every test may touch the database.
pytestmark = pytest.mark.django_db

HEL = ZoneInfo("Europe/Helsinki")
UTC = ZoneInfo("UTC")
TICK = timedelta(microseconds=1)


def hel(*args) -> datetime:
    """A Helsinki wall-clock time as a UTC instant (arithmetic on it is exact across DST)."""
    return datetime(*args, tzinfo=HEL).astimezone(UTC)


# Boundaries in Helsinki time; one falls on the night summer time begins (29 March 2026).
P_OPEN = hel(2026, 3, 2, 9, 0)
P_CLOSE = hel(2026, 3, 29, 4, 0)
V_OPEN = hel(2026, 4, 1, 0, 0)
V_CLOSE = hel(2026, 4, 15, 16, 0)
E_END = hel(2026, 5, 31, 23, 59)
PILOTS_END = hel(2026, 10, 30, 12, 0)

WITH_VOTING = Schedule(P_OPEN, P_CLOSE, E_END, PILOTS_END, voting_open=V_OPEN, voting_close=V_CLOSE)
WITHOUT_VOTING = Schedule(P_OPEN, P_CLOSE, E_END, PILOTS_END)

# (instant, phase just before it, phase at it): the instant belongs to the phase it opens.
BOUNDARIES_WITH_VOTING = [
    (P_OPEN, Phase.UPCOMING, Phase.PROPOSALS),
    # Between proposals closing and voting opening the challenge is already in voting
    # (votes are accepted only from voting_open: see cms.rules.accepts_votes).
    (P_CLOSE, Phase.PROPOSALS, Phase.VOTING),
    (V_OPEN, Phase.VOTING, Phase.VOTING),
    (V_CLOSE, Phase.VOTING, Phase.EVALUATION),
    (E_END, Phase.EVALUATION, Phase.PILOTING),
    (PILOTS_END, Phase.PILOTING, Phase.CLOSED),
]
BOUNDARIES_WITHOUT_VOTING = [
    (P_OPEN, Phase.UPCOMING, Phase.PROPOSALS),
    (P_CLOSE, Phase.PROPOSALS, Phase.EVALUATION),
    (E_END, Phase.EVALUATION, Phase.PILOTING),
    (PILOTS_END, Phase.PILOTING, Phase.CLOSED),
]


def _page(schedule: Schedule) -> ChallengePage:
    return ChallengePage(
        title="x",
        summary="x",
        proposals_open=schedule.proposals_open,
        proposals_close=schedule.proposals_close,
        voting_open=schedule.voting_open,
        voting_close=schedule.voting_close,
        evaluation_end=schedule.evaluation_end,
        pilots_end=schedule.pilots_end,
    )


@pytest.mark.parametrize(("instant", "before", "at"), BOUNDARIES_WITH_VOTING)
def test_phase_at_each_boundary_with_voting(instant, before, at):
    page = _page(WITH_VOTING)
    with time_machine.travel(instant - TICK, tick=False):
        assert page.phase == before
    with time_machine.travel(instant, tick=False):
        assert page.phase == at
    with time_machine.travel(instant + TICK, tick=False):
        assert page.phase == at


@pytest.mark.parametrize(("instant", "before", "at"), BOUNDARIES_WITHOUT_VOTING)
def test_phase_at_each_boundary_without_voting(instant, before, at):
    page = _page(WITHOUT_VOTING)
    with time_machine.travel(instant - TICK, tick=False):
        assert page.phase == before
    with time_machine.travel(instant, tick=False):
        assert page.phase == at


def test_without_voting_there_is_never_a_voting_phase():
    instants = [P_OPEN + timedelta(hours=h) for h in range(0, 24 * 250, 7)]
    assert Phase.VOTING not in {phase_at(WITHOUT_VOTING, t) for t in instants}


def test_the_clock_is_compared_as_an_instant_whatever_the_time_zone():
    # 4:00 in Helsinki on 29 March 2026 (after the clocks moved forward) is 01:00 UTC.
    utc_instant = datetime(2026, 3, 29, 1, 0, tzinfo=ZoneInfo("UTC"))
    assert phase_at(WITH_VOTING, utc_instant - TICK) == Phase.PROPOSALS
    assert phase_at(WITH_VOTING, utc_instant) == Phase.VOTING


def _all_boundary_instants(boundaries):
    for instant, _before, _at in boundaries:
        yield instant - TICK
        yield instant
        yield instant + TICK


@pytest.mark.django_db
@pytest.mark.parametrize("voting", [True, False])
def test_the_listing_filter_agrees_with_phase_at_at_every_boundary(voting):
    """The phase filter runs in SQL: at every boundary it picks exactly the challenges phase_at says."""
    schedule = WITH_VOTING if voting else WITHOUT_VOTING
    page = make_challenge(
        proposals_open=schedule.proposals_open,
        proposals_close=schedule.proposals_close,
        voting_open=schedule.voting_open,
        voting_close=schedule.voting_close,
        evaluation_end=schedule.evaluation_end,
        pilots_end=schedule.pilots_end,
        voting=voting,
    )
    boundaries = BOUNDARIES_WITH_VOTING if voting else BOUNDARIES_WITHOUT_VOTING
    for instant in _all_boundary_instants(boundaries):
        expected = phase_at(schedule, instant)
        for phase in Phase.values:
            found = ChallengePage.objects.in_phase(phase, now=instant).filter(pk=page.pk).exists()
            assert found == (phase == expected), (instant, phase, expected)


@pytest.mark.django_db
def test_next_deadline_is_the_next_boundary_and_none_when_closed():
    page = make_challenge(
        proposals_open=P_OPEN,
        proposals_close=P_CLOSE,
        voting_open=V_OPEN,
        voting_close=V_CLOSE,
        evaluation_end=E_END,
        pilots_end=PILOTS_END,
    )
    expected = [
        (P_OPEN - TICK, P_OPEN),
        (P_OPEN, P_CLOSE),
        (P_CLOSE, V_OPEN),
        (V_OPEN, V_CLOSE),
        (V_CLOSE, E_END),
        (E_END, PILOTS_END),
        (PILOTS_END, None),
    ]
    for now, deadline in expected:
        assert page.next_deadline_at(now) == deadline
        annotated = ChallengePage.objects.with_next_deadline(now).get(pk=page.pk)
        assert annotated.next_deadline == deadline


def test_timeline_marks_the_current_phase_only():
    page = _page(WITH_VOTING)
    timeline = page.timeline(V_CLOSE)
    assert [step["phase"] for step in timeline if step["current"]] == [Phase.EVALUATION]
    assert [step["phase"] for step in timeline] == [
        "upcoming",
        "proposals",
        "voting",
        "evaluation",
        "piloting",
        "closed",
    ]
    assert "voting" not in [step["phase"] for step in _page(WITHOUT_VOTING).timeline(P_OPEN)]
