"""How a vote, idea, comment, feedback or tester sign-up came in: the channel, and for one
entered by staff on a person's behalf, who entered it and that the person consented."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    QR = "qr", _("On site (QR code)")
    KIOSK = "kiosk", _("Kiosk")
    ASSISTED = "assisted", _("Staff-assisted (phone or in person)")
    PAPER = "paper", _("Paper (imported)")


class ChannelRecorded(models.Model):
    """Abstract: the channel of a participation. `db_default` keeps raw inserts (the vote
    path) on the web channel without naming the column."""

    channel = models.CharField(
        _("channel"),
        max_length=10,
        choices=Channel.choices,
        default=Channel.WEB,
        db_default=Channel.WEB,
        db_index=True,
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by (staff)"),
    )
    entry_consent = models.BooleanField(
        _("the person consented to the entry"), default=False, db_default=False
    )
    # Where an imported row came from (file and row), so that a re-import never duplicates.
    import_key = models.CharField(
        _("import key"), max_length=120, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def entered_by_staff(self) -> bool:
        """Staff entered it on the person's behalf (the staff member is named to staff only)."""
        return self.entered_by_id is not None

    @property
    def channel_label(self) -> str:
        """The channel as staff read it in listings, with "entered by staff" when it was."""
        if self.channel == Channel.ASSISTED:
            return str(_("Entered by staff (phone or in person)"))
        label = str(self.get_channel_display())
        if self.entered_by_staff:
            return _("%(channel)s, entered by staff") % {"channel": label}
        return label
