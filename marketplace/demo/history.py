"""When a demo pilot's events happened, in the order of its challenge's schedule.

The services stamp what they write with the present moment; a demo pilot's story began
weeks ago. Once a pilot is built, its timestamps are set so that it reads in order: the
proposal selected during the evaluation, the pilot set up the day after, started on its start
date, moved to evaluation after its end date and completed a few days later; measurements
logged on their own dates, feedback given while the pilot ran. Nothing lands in the future,
whenever the demo is seeded.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ideas.models import ProposalStatus, StatusChange
from marketplace.models import Feedback, Measurement, Pilot, PilotEvent, PilotStage


def _present():
    return timezone.now() - timedelta(minutes=10)


def _at(day: date, hour: int, *, floor, ceiling):
    moment = datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())
    return max(floor, min(moment, ceiling))


def selection_time(challenge):
    """A moment in the evaluation: after the proposals (and votes) are in, before it ends."""
    closed = challenge.voting_close or challenge.proposals_close
    decide_by = min(challenge.evaluation_end, _present())
    return closed + (decide_by - closed) * 0.6 if decide_by > closed else _present()


def backdate_selection(change: StatusChange, challenge) -> None:
    """A proposal the demo selects for a pilot was selected during its challenge's evaluation."""
    StatusChange.objects.filter(pk=change.pk).update(created_at=selection_time(challenge))


def selected_at(pilot: Pilot):
    return (
        StatusChange.objects.filter(proposal=pilot.proposal, to_status=ProposalStatus.SELECTED)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    ) or _present()


def feedback_time(pilot: Pilot, number: int, of: int):
    """The `number`th of `of` pieces of feedback, spread over the days the pilot has run."""
    now = _present()
    start = _at(pilot.start_date, 12, floor=selected_at(pilot), ceiling=now)
    span = max(1, (min(pilot.end_date, now.date()) - pilot.start_date).days)
    return min(now, start + timedelta(days=span * number // max(1, of)))


def set_history(pilot: Pilot) -> None:
    now = _present()
    created = min(selected_at(pilot) + timedelta(days=1), now)
    Pilot.objects.filter(pk=pilot.pk).update(created_at=created)
    stage_times = {
        PilotStage.RUNNING: _at(pilot.start_date, 9, floor=created, ceiling=now),
        PilotStage.EVALUATING: _at(
            pilot.end_date + timedelta(days=1), 10, floor=created, ceiling=now
        ),
        PilotStage.COMPLETED: _at(
            pilot.end_date + timedelta(days=3), 14, floor=created, ceiling=now
        ),
    }
    changes = list(pilot.stage_changes.order_by("pk"))
    for change in changes:
        pilot.stage_changes.filter(pk=change.pk).update(created_at=stage_times[change.to_stage])
    stages = iter(stage_times[change.to_stage] for change in changes)
    measured = iter(
        _at(day, 16, floor=created, ceiling=now)
        for day in Measurement.objects.filter(indicator__pilot=pilot)
        .order_by("pk")
        .values_list("date", flat=True)
    )
    for event in PilotEvent.objects.filter(pilot=pilot).order_by("pk"):
        if event.kind == PilotEvent.Kind.STAGE:
            when = next(stages, now)
        elif event.kind == PilotEvent.Kind.MEASUREMENT:
            when = next(measured, now)
        else:
            when = created
        PilotEvent.objects.filter(pk=event.pk).update(created_at=when)
    Feedback.objects.filter(pilot=pilot, created_at__lt=created).update(created_at=created)
