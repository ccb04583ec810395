from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ideas.models import ProposalStatus
from marketplace.models import PilotEvent, PilotOutcome, PilotStage, PilotStageChange
from marketplace.services import pilots as pilot_services
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import PilotFactory, selected_proposal

pytestmark = pytest.mark.django_db


def _new_pilot(staff, **kwargs):
    return pilot_services.pilot_create(
        proposal=selected_proposal(),
        by=staff,
        title="Night at the museum",
        venue="KAMU",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 3, 31),
        public_summary="Families visit at night.",
        **kwargs,
    )


def test_pilot_is_made_from_a_selected_proposal_once(staff):
    pilot = _new_pilot(staff)
    assert pilot.stage == PilotStage.PLANNED and not pilot.published
    assert pilot.events.filter(kind=PilotEvent.Kind.CREATED, actor=staff).exists()
    with pytest.raises(ValidationError) as error:
        pilot_services.pilot_create(
            proposal=pilot.proposal,
            by=staff,
            title="Again",
            venue="KAMU",
            start_date=date(2026, 1, 1),
            end_date=date(2026, 2, 1),
            public_summary="x",
        )
    assert "already has a pilot" in str(error.value)


def test_a_proposal_that_is_not_selected_cannot_become_a_pilot(staff):
    proposal = ProposalFactory(
        challenge=make_challenge(phase="evaluation"), status=ProposalStatus.SHORTLISTED
    )
    with pytest.raises(ValidationError):
        pilot_services.pilot_create(
            proposal=proposal,
            by=staff,
            title="x",
            venue="x",
            start_date=date(2026, 1, 1),
            end_date=date(2026, 2, 1),
            public_summary="x",
        )


def test_stages_move_forward_one_by_one_and_each_move_is_recorded(staff):
    pilot = _new_pilot(staff)
    pilot_services.pilot_advance(pilot=pilot, to_stage=PilotStage.RUNNING, by=staff)
    pilot_services.pilot_advance(pilot=pilot, to_stage=PilotStage.EVALUATING, by=staff)
    pilot_services.pilot_advance(
        pilot=pilot, to_stage=PilotStage.COMPLETED, by=staff, outcome=PilotOutcome.ADOPTED
    )
    pilot.refresh_from_db()
    assert (pilot.stage, pilot.outcome) == (PilotStage.COMPLETED, PilotOutcome.ADOPTED)
    moves = list(
        PilotStageChange.objects.filter(pilot=pilot).values_list(
            "from_stage", "to_stage", "changed_by"
        )
    )
    assert moves == [
        (PilotStage.PLANNED, PilotStage.RUNNING, staff.pk),
        (PilotStage.RUNNING, PilotStage.EVALUATING, staff.pk),
        (PilotStage.EVALUATING, PilotStage.COMPLETED, staff.pk),
    ]
    assert pilot.events.filter(kind=PilotEvent.Kind.STAGE).count() == 3


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (PilotStage.RUNNING, PilotStage.PLANNED),
        (PilotStage.EVALUATING, PilotStage.RUNNING),
        (PilotStage.COMPLETED, PilotStage.EVALUATING),
        (PilotStage.PLANNED, PilotStage.EVALUATING),
        (PilotStage.PLANNED, PilotStage.COMPLETED),
        (PilotStage.RUNNING, PilotStage.RUNNING),
        (PilotStage.RUNNING, "bogus"),
    ],
)
def test_no_going_back_or_skipping(staff, start, to):
    """Refused by the stage rule itself: a move to completed carries a valid outcome, so no
    other check can be what refuses it."""
    outcome = PilotOutcome.CONTINUED if start == PilotStage.COMPLETED else ""
    pilot = PilotFactory(stage=start, outcome=outcome)
    given = PilotOutcome.ADOPTED if to == PilotStage.COMPLETED else ""
    with pytest.raises(pilot_services.StageTransitionError, match="cannot move from"):
        pilot_services.pilot_advance(pilot=pilot, to_stage=to, by=staff, outcome=given)
    pilot.refresh_from_db()
    assert pilot.stage == start
    assert not PilotStageChange.objects.filter(pilot=pilot).exists()


def test_outcome_only_when_completed(staff):
    pilot = PilotFactory(stage=PilotStage.PLANNED)
    with pytest.raises(pilot_services.StageTransitionError, match="only when"):
        pilot_services.pilot_advance(
            pilot=pilot, to_stage=PilotStage.RUNNING, by=staff, outcome=PilotOutcome.ADOPTED
        )
    evaluating = PilotFactory(stage=PilotStage.EVALUATING)
    with pytest.raises(pilot_services.StageTransitionError, match="Choose the outcome"):
        pilot_services.pilot_advance(pilot=evaluating, to_stage=PilotStage.COMPLETED, by=staff)
    evaluating.refresh_from_db()
    assert evaluating.stage == PilotStage.EVALUATING


def test_database_refuses_an_outcome_before_completion():
    pilot = PilotFactory(stage=PilotStage.RUNNING)
    pilot.outcome = PilotOutcome.ADOPTED
    with pytest.raises(IntegrityError), transaction.atomic():
        pilot.save()


def test_stage_form_refuses_outcome_before_completion():
    from marketplace.forms import PilotStageForm

    pilot = PilotFactory(stage=PilotStage.RUNNING)
    form = PilotStageForm(
        {"to_stage": PilotStage.EVALUATING, "outcome": PilotOutcome.ADOPTED}, pilot=pilot
    )
    assert not form.is_valid() and "outcome" in form.errors
    form = PilotStageForm({"to_stage": PilotStage.PLANNED}, pilot=pilot)
    assert not form.is_valid() and "to_stage" in form.errors
    evaluating = PilotFactory(stage=PilotStage.EVALUATING)
    form = PilotStageForm({"to_stage": PilotStage.COMPLETED}, pilot=evaluating)
    assert not form.is_valid() and "outcome" in form.errors


def test_details_changes_and_publishing_are_in_the_history(staff):
    pilot = _new_pilot(staff)
    pilot_services.pilot_update(pilot=pilot, by=staff, venue="WeeGee", published=True)
    pilot.refresh_from_db()
    assert pilot.venue == "WeeGee" and pilot.published
    kinds = set(pilot.events.values_list("kind", flat=True))
    assert {PilotEvent.Kind.UPDATED, PilotEvent.Kind.PUBLISHED} <= kinds
