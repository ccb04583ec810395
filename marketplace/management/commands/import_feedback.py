"""Import paper or kiosk feedback from a CSV file, as staff do in the admin (Import feedback):
the same checks, the same report, and a re-import never duplicates.

    manage.py import_feedback sheet.csv --by editor@espoo.fi [--channel paper|kiosk]
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from marketplace.services import imports as import_services
from marketplace.services.feedback import FeedbackError
from partners.channels import Channel


class Command(BaseCommand):
    help = "Import paper or kiosk feedback from a CSV file and print its validation report."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--by", required=True, help="the e-mail address of a staff account")
        parser.add_argument(
            "--channel", choices=[Channel.PAPER, Channel.KIOSK], default=Channel.PAPER
        )

    def handle(self, *args, file: Path, by: str, channel: str, **options):
        user = get_user_model().objects.filter(email__iexact=by).first()
        if user is None:
            raise CommandError(f"No account has the address {by}.")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            batch = import_services.feedback_import(
                file_name=file.name, data=data, channel=channel, by=user
            )
        except (import_services.ImportFileError, FeedbackError) as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"{batch.accepted} imported, {batch.duplicates} imported before, "
            f"{batch.rejected} rejected"
        )
        for item in batch.report:
            self.stdout.write(f"  row {item['row']}: {item['reason']}")
        if batch.rejected:
            raise CommandError(f"{batch.rejected} rows were rejected (see above).", returncode=2)
