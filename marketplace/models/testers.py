"""Residents who test a running pilot: the slots the team offers (on site or remote) and the
sign-ups, with access needs and whether the person agreed to be contacted."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from partners.channels import Channel, ChannelRecorded


class TesterSlot(models.Model):
    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        REMOTE = "remote", _("Remote")

    pilot = models.ForeignKey(
        "marketplace.Pilot", on_delete=models.CASCADE, related_name="tester_slots"
    )
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place or link"), max_length=200, blank=True, help_text=_("Shown to those signed up.")
    )
    capacity = models.PositiveSmallIntegerField(_("places"), default=10)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tester slot")
        verbose_name_plural = _("tester slots")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="tester_slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pilot} · {self.starts_at:%Y-%m-%d %H:%M}"


class TesterSignup(ChannelRecorded):
    slot = models.ForeignKey(TesterSlot, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tester_signups",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    access_needs = models.TextField(
        _("access needs"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Anything that helps you take part: step-free access, a sign language interpreter…"
        ),
    )
    may_contact = models.BooleanField(_("the team may contact me"), default=False)
    customer_group = models.ForeignKey(
        "cms.CustomerGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("customer group"),
    )
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("tester sign-up")
        verbose_name_plural = _("tester sign-ups")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "user"],
                condition=Q(user__isnull=False, cancelled_at__isnull=True),
                name="tester_signup_once_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.slot}"


class ImportBatch(models.Model):
    """One CSV import of paper or kiosk feedback, with its validation report."""

    file_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64, editable=False)
    channel = models.CharField(_("channel"), max_length=10)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    accepted = models.PositiveIntegerField(_("rows imported"), default=0)
    duplicates = models.PositiveIntegerField(_("rows already imported"), default=0)
    rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    # [{"row": 7, "reason": "…"}, …]: every rejected row with its reason.
    report = models.JSONField(_("report"), default=list, blank=True)

    class Meta:
        verbose_name = _("feedback import")
        verbose_name_plural = _("feedback imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    def get_channel_display(self) -> str:
        return str(dict(Channel.choices).get(self.channel, self.channel))
