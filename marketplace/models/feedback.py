"""Residents' feedback on running pilots, and reports of it to moderators."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.channels import ChannelRecorded

from .pilots import Pilot


class FeedbackQuerySet(models.QuerySet):
    def visible(self):
        """Feedback not hidden by a moderator: the only feedback that counts anywhere."""
        return self.filter(hidden_at__isnull=True)

    def reported(self):
        return self.filter(reports__isnull=False).distinct()


class Feedback(ChannelRecorded):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="feedback")
    # Empty for feedback without an account: on site (QR), kiosk, paper or staff-assisted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pilot_feedback",
    )
    # An address given for a reply (feedback without an account); never shown publicly.
    reply_email = models.EmailField(_("e-mail for a reply"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    customer_group = models.ForeignKey(
        "cms.CustomerGroup", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.TextField(_("hidden because"), blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["pilot", "user"], name="feedback_one_per_resident"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 – {self.pilot}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class FeedbackReport(models.Model):
    """A resident's report that a feedback entry breaks the rules; moderators decide."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback report")
        verbose_name_plural = _("feedback reports")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "reporter"], name="feedbackreport_one_per_reporter"
            ),
        ]
