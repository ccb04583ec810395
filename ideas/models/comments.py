from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.channels import ChannelRecorded


class CommentVisibility(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("comment visibility", "Public")
    TEAM = "team", _("Team only")


class Comment(ChannelRecorded):
    """A comment on a proposal: public or team-only, with one level of replies."""

    proposal = models.ForeignKey(
        "ideas.Proposal",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("proposal"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposal_comments",
        verbose_name=_("author"),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=CommentVisibility.choices,
        default=CommentVisibility.PUBLIC,
    )
    body = models.TextField(_("comment"), max_length=4000)
    by_staff = models.BooleanField(_("answer by staff"), default=False)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True, db_index=True)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["proposal", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="comment_hidden_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def get_absolute_url(self) -> str:
        return f"{self.proposal.get_absolute_url()}#comment-{self.pk}"


class CommentReport(models.Model):
    """A resident's report that a comment breaks the rules."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="commentreport_unique_reporter"
            ),
        ]
