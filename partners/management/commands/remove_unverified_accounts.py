"""Remove accounts whose e-mail address was never confirmed within TORI_UNVERIFIED_MAX_AGE_DAYS."""

from django.conf import settings
from django.core.management.base import BaseCommand

from partners import privacy


class Command(BaseCommand):
    help = "Remove unverified accounts older than TORI_UNVERIFIED_MAX_AGE_DAYS (default 30)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list what would go.")

    def handle(self, *args, dry_run=False, **options):
        days = settings.TORI_UNVERIFIED_MAX_AGE_DAYS
        accounts = list(privacy.unverified_accounts().order_by("date_joined"))
        total = len(accounts)
        self.stdout.write(f"{total} unverified account(s) older than {days} days.")
        removed = 0
        for number, user in enumerate(accounts, start=1):
            if dry_run:
                self.stdout.write(f"[{number}/{total}] would remove account #{user.pk}")
                continue
            try:
                privacy.erase_account(user=user)
            except privacy.ErasureRefused as refused:
                self.stderr.write(f"[{number}/{total}] kept account #{user.pk}: {refused}")
                continue
            removed += 1
            self.stdout.write(f"[{number}/{total}] removed account #{user.pk}")
        self.stdout.write(self.style.SUCCESS(f"Removed {removed} of {total} account(s)."))
