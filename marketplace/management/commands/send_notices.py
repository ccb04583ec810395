"""Send what is due of the notice e-mails; run every 10 minutes (cron or a systemd timer).

1. announces what the schedule brought (a challenge's voting opened, its results published),
2. retries the e-mails that failed and are due again (and immediate ones whose task was lost),
3. sends the daily and weekly digests that are due.

Safe to run twice or side by side: each delivery is claimed before it is sent, and is never
sent twice (partners.delivery).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.notices import announce_due
from partners import delivery


class Command(BaseCommand):
    help = "Retry failed notice e-mails and send the daily and weekly digests that are due."

    def handle(self, *args, **options):
        now = timezone.now()
        self.stdout.write("[1/3] Announcing voting openings and results…")
        self.stdout.write(f"      {announce_due(now=now)} new events")
        self.stdout.write("[2/3] Retrying failed notice e-mails…")
        retried = delivery.retry_due(now=now)
        self.stdout.write(f"      {self._outcome(retried)}")
        self.stdout.write("[3/3] Sending the digests that are due…")
        for mode, outcome in delivery.send_due_digests(now=now).items():
            self.stdout.write(f"      {mode}: {self._outcome(outcome)}")
        self.stdout.write(self.style.SUCCESS("Done."))

    @staticmethod
    def _outcome(outcome: delivery.Outcome) -> str:
        text = f"{outcome.emails} e-mails with {outcome.sent} notices sent, {outcome.failed} failed"
        if outcome.retry_at is not None:
            text += f" (next retry {timezone.localtime(outcome.retry_at):%Y-%m-%d %H:%M})"
        return text
