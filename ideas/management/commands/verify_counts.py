"""Compare the stored vote counters with the vote rows; with --repair, fix the drift.

- Proposal.vote_count against COUNT(*) of its votes;
- VoteQuota.used against COUNT(*) of the user's votes in that challenge (and quota rows
  missing for users who have votes).
Exits with status 1 when drift is found and not repaired.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from ideas.models import Proposal, Vote, VoteQuota
from ideas.signals import vote_count_changed


def _live_proposal_count():
    return Coalesce(
        Subquery(
            Vote.objects.filter(proposal=OuterRef("pk"))
            .order_by()
            .values("proposal")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        Value(0),
        output_field=IntegerField(),
    )


def _live_quota_count():
    return Coalesce(
        Subquery(
            Vote.objects.filter(user=OuterRef("user"), challenge=OuterRef("challenge"))
            .order_by()
            .values("user", "challenge")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        Value(0),
        output_field=IntegerField(),
    )


def proposal_drift():
    return (
        Proposal.objects.annotate(live=_live_proposal_count())
        .exclude(vote_count=F("live"))
        .values_list("pk", "vote_count", "live")
        .order_by("pk")
    )


def quota_drift():
    return (
        VoteQuota.objects.annotate(live=_live_quota_count())
        .exclude(used=F("live"))
        .values_list("pk", "user_id", "challenge_id", "used", "live")
        .order_by("pk")
    )


def missing_quotas():
    quotas = VoteQuota.objects.filter(user=OuterRef("user"), challenge=OuterRef("challenge"))
    return (
        Vote.objects.exclude(user__isnull=True)
        .filter(~Exists(quotas))
        .values("user", "challenge")
        .annotate(live=Count("pk"))
        .values_list("user", "challenge", "live")
        .order_by("user", "challenge")
    )


class Command(BaseCommand):
    help = "Report drift between stored vote counters and the vote rows; --repair fixes it."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Fix the counters that drifted.")

    def handle(self, *args, repair=False, **options):
        proposals = list(proposal_drift())
        quotas = list(quota_drift())
        missing = list(missing_quotas())
        for pk, stored, live in proposals:
            self.stdout.write(f"proposal {pk}: vote_count {stored}, votes {live}")
        for pk, user_id, challenge_id, stored, live in quotas:
            self.stdout.write(
                f"quota {pk} (user {user_id}, challenge {challenge_id}): used {stored}, votes {live}"
            )
        for user_id, challenge_id, live in missing:
            self.stdout.write(
                f"quota missing (user {user_id}, challenge {challenge_id}): votes {live}"
            )
        drift = len(proposals) + len(quotas) + len(missing)
        if not drift:
            self.stdout.write(self.style.SUCCESS("No drift: every counter equals the vote rows."))
            return
        if not repair:
            raise CommandError(f"Drift found in {drift} counters. Run with --repair to fix it.")
        self._repair(proposals, quotas, missing)
        self.stdout.write(self.style.SUCCESS(f"Repaired {drift} counters."))

    def _repair(self, proposals, quotas, missing):
        # Each fix is one statement computing the count in the database at that moment, and a
        # quota is fixed under its row lock, so votes cast meanwhile are not miscounted.
        for pk, _stored, _live in proposals:
            with transaction.atomic():
                Proposal.objects.filter(pk=pk).update(vote_count=_live_proposal_count())
                vote_count_changed.send(sender=Proposal, proposal_ids=[pk])
        for pk, *_rest in quotas:
            with transaction.atomic():
                quota = VoteQuota.objects.select_for_update().filter(pk=pk).first()
                if quota:
                    live = Vote.objects.filter(
                        user_id=quota.user_id, challenge_id=quota.challenge_id
                    ).count()
                    VoteQuota.objects.filter(pk=pk).update(used=live)
        for user_id, challenge_id, _live in missing:
            with transaction.atomic():
                VoteQuota.objects.bulk_create(
                    [VoteQuota(user_id=user_id, challenge_id=challenge_id, used=0)],
                    ignore_conflicts=True,
                )
                VoteQuota.objects.select_for_update().filter(
                    user_id=user_id, challenge_id=challenge_id
                ).first()
                live = Vote.objects.filter(user_id=user_id, challenge_id=challenge_id).count()
                VoteQuota.objects.filter(user_id=user_id, challenge_id=challenge_id).update(
                    used=live
                )
