"""Importing paper or kiosk feedback from a CSV file, with a validation report.

Every row is either imported, recognised as imported before (its stable key: channel, pilot
and the sheet's row id — not the file — so a corrected file can be imported again), or
rejected with its reason. Nothing is dropped silently. A file that cannot be read at all
raises `ImportFileError` and records nothing."""

import csv
import hashlib
import io
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import CustomerGroup
from partners.channels import Channel

from .. import rules
from ..models import ImportBatch, Pilot
from .channels import feedback_record
from .feedback import FeedbackError

COLUMNS = ("row_id", "pilot", "date", "rating", "comment", "customer_group", "channel")
REQUIRED = ("row_id", "pilot", "date", "rating")
IMPORT_CHANNELS = (Channel.PAPER, Channel.KIOSK)
MAX_ROWS = 5000
TEMPLATE_ROWS = (
    ("1", "12", "2026-05-14", "5", "Great idea, more of these!", "seniors", "paper"),
    ("2", "12", "14.5.2026", "3", "", "", "kiosk"),
)


class ImportFileError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return out.getvalue()


def read_rows(data: bytes) -> list[dict]:
    """The file's rows as dicts keyed by the header's column names; refuses what is not a
    readable CSV file with a message that says what to do."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("This is not a CSV file. Save the sheet as CSV and try again."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is not in UTF-8. Save it as “CSV UTF-8” and try again.")
        ) from error
    first = text.splitlines()[0] if text.splitlines() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns. Missing: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            rows.append({key: (value or "").strip() for key, value in row.items() if key})
            if len(rows) > MAX_ROWS:
                raise ImportFileError(
                    _("The file has more than %(max)d rows. Split it into smaller files.")
                    % {"max": MAX_ROWS}
                )
    except csv.Error as error:
        raise ImportFileError(
            _("This is not a CSV file. Save the sheet as CSV and try again.")
        ) from error
    if not rows:
        raise ImportFileError(_("The file has a header but no rows."))
    return rows


def _parse_date(value: str) -> date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(value)


class RowError(Exception):
    pass


def _check_row(row: dict, default_channel: str) -> dict:
    missing = [name for name in REQUIRED if not row.get(name)]
    if missing:
        raise RowError(_("Missing: %(fields)s.") % {"fields": ", ".join(missing)})
    if len(row["row_id"]) > 60:
        raise RowError(_("The row id is longer than 60 characters."))
    channel = (row.get("channel") or default_channel).lower()
    if channel not in IMPORT_CHANNELS:
        raise RowError(_("Unknown channel “%(value)s”: use paper or kiosk.") % {"value": channel})
    try:
        rating = int(row["rating"])
    except ValueError:
        rating = 0
    if not 1 <= rating <= 5:
        raise RowError(_("The rating must be a whole number from 1 to 5."))
    pilot = Pilot.objects.select_related("proposal").filter(pk=_int(row["pilot"])).first()
    if pilot is None:
        raise RowError(_("Unknown pilot “%(value)s”.") % {"value": row["pilot"]})
    try:
        day = _parse_date(row["date"])
    except ValueError:
        raise RowError(
            _("Bad date “%(value)s”: write 2026-05-14 or 14.5.2026.") % {"value": row["date"]}
        ) from None
    group = None
    if row.get("customer_group"):
        group = CustomerGroup.objects.filter(
            challenges=pilot.proposal.challenge, slug=row["customer_group"]
        ).first()
        if group is None:
            raise RowError(
                _("Unknown customer group “%(value)s” for this pilot.")
                % {"value": row["customer_group"]}
            )
    return {
        "pilot": pilot,
        "channel": channel,
        "rating": rating,
        "comment": row.get("comment", "")[:2000],
        "customer_group": group,
        "created_at": timezone.make_aware(datetime.combine(day, time(12))),
        "import_key": f"{channel}:{pilot.pk}:{row['row_id']}",
    }


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 0


def feedback_import(*, file_name: str, data: bytes, channel: str, by) -> ImportBatch:
    """Import the file's rows; the batch keeps the counts and every rejected row's reason.
    Row numbers are the sheet's (the header is row 1)."""
    if not rules.can_import_feedback(by):
        raise FeedbackError(_("Only staff can import feedback."))
    rows = read_rows(data)
    report, seen = [], set()
    accepted = duplicates = 0
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):
            try:
                values = _check_row(row, channel)
                if values["import_key"] in seen:
                    raise RowError(_("The same row id appears earlier in the file."))
                seen.add(values["import_key"])
                _feedback, created = feedback_record(**values)
            except RowError as error:
                report.append({"row": number, "reason": str(error)})
                continue
            except (ValidationError, FeedbackError) as error:
                report.append({"row": number, "reason": "; ".join(_messages(error))})
                continue
            if created:
                accepted += 1
            else:
                duplicates += 1
        return ImportBatch.objects.create(
            file_name=file_name[:200],
            sha256=hashlib.sha256(data).hexdigest(),
            channel=channel,
            created_by=by,
            accepted=accepted,
            duplicates=duplicates,
            rejected=len(report),
            report=report,
        )


def _messages(error) -> list[str]:
    if isinstance(error, ValidationError):
        return [str(message) for message in error.messages]
    return [error.message]
