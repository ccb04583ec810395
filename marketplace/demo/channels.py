"""The demo's feedback from every channel on one running pilot: visitors' feedback on site
(the QR code, no account), two entries the demo moderator made on people's behalf (by phone
and at the front desk, with consent), and one imported batch of paper feedback whose report
rejects one row. Idempotent: what exists is left as it is."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from marketplace.models import Feedback, ImportBatch, Pilot, PilotStage
from marketplace.services import channels as channel_services
from marketplace.services import imports as import_services
from partners.channels import Channel
from partners.demo import ACCOUNTS

PAPER_FILE = "demo-paper-feedback.csv"
ON_SITE = (
    (Channel.QR, 5, "Hieno kokemus, lapset innostuivat!"),
    (Channel.QR, 4, "Bra idé. Texten kunde vara större."),
    (Channel.QR, 4, ""),
    (Channel.KIOSK, 3, "Vähän vaikea löytää aulasta."),
)
ASSISTED = (
    (5, "Soitti ja kertoi, että opastus oli selkeä ja ystävällinen.", "Phone call"),
    (3, "Kom till infodisken: ville ha mer plats att sitta.", "Front desk"),
)


def _pilot():
    return (
        Pilot.objects.filter(published=True, stage=PilotStage.RUNNING)
        .select_related("proposal")
        .order_by("pk")
        .first()
    )


def _paper_csv(pilot) -> bytes:
    """Paper forms filled in at the venue while the pilot runs: dated from its start (never
    later than today), in both date formats the import reads."""
    today = timezone.localdate()
    first = min(pilot.start_date + timedelta(days=1), today)
    second = min(pilot.start_date + timedelta(days=2), today)
    rows = [
        ",".join(import_services.COLUMNS),
        f"p-1,{pilot.pk},{first.isoformat()},5,Erittäin hyvä!,,paper",
        f"p-2,{pilot.pk},{first.day}.{first.month}.{first.year},4,Hyvä mutta jono oli pitkä.,,paper",
        f"p-3,{pilot.pk},{second.isoformat()},2,,,paper",
        f"p-4,{pilot.pk},{second.isoformat()},6,Arvosana kuusi,,paper",  # rejected: 1–5 only
    ]
    return ("\n".join(rows) + "\n").encode()


def seed_channels(*, stdout=None) -> None:
    pilot = _pilot()
    moderator = get_user_model().objects.filter(email=ACCOUNTS["moderator"][0]).first()
    if pilot is None or moderator is None:
        return
    made = 0
    for channel, rating, comment in ON_SITE:
        if not Feedback.objects.filter(pilot=pilot, channel=channel, comment=comment).exists():
            channel_services.feedback_record(
                pilot=pilot, channel=channel, rating=rating, comment=comment
            )
            made += 1
    for rating, comment, person in ASSISTED:
        if not Feedback.objects.filter(pilot=pilot, comment=comment).exists():
            channel_services.feedback_record(
                pilot=pilot,
                channel=Channel.ASSISTED,
                rating=rating,
                comment=comment,
                entered_by=moderator,
                entry_consent=True,
                person_name=person,
            )
            made += 1
    if not ImportBatch.objects.filter(file_name=PAPER_FILE).exists():
        import_services.feedback_import(
            file_name=PAPER_FILE, data=_paper_csv(pilot), channel=Channel.PAPER, by=moderator
        )
        made += 1
    if stdout is not None:
        stdout.write(f"  {made} pieces of feedback from other channels\n")
