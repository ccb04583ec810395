from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.channels import ChannelRecorded


class Vote(ChannelRecorded):
    """One resident's vote on one public proposal."""

    # No single-column indexes: the unique (user, proposal) constraint and the two indexes below
    # lead with each foreign key. Every index is one more write per vote.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes", db_index=False
    )
    proposal = models.ForeignKey(
        "ideas.Proposal", on_delete=models.CASCADE, related_name="votes", db_index=False
    )
    challenge = models.ForeignKey(
        "cms.ChallengePage", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["user", "proposal"], name="vote_unique_user_proposal"),
        ]
        indexes = [
            models.Index(fields=["proposal", "created_at"]),
            # A resident's votes in a challenge: counted when their quota row is created, so
            # one vote never reads the challenge's other votes.
            models.Index(fields=["challenge", "user"], name="vote_challenge_user"),
        ]


class VoteQuota(models.Model):
    """A resident's vote usage in one challenge; its row lock serialises their votes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    challenge = models.ForeignKey("cms.ChallengePage", on_delete=models.CASCADE, related_name="+")
    used = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("vote quota")
        verbose_name_plural = _("vote quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "challenge"], name="votequota_unique_user_challenge"
            ),
        ]


class VoteEvent(models.Model):
    """Append-only log of votes cast and withdrawn."""

    class Action(models.TextChoices):
        CAST = "cast", _("Cast")
        WITHDRAW = "withdraw", _("Withdrawn")
        VOID = "void", _("Voided by staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposal = models.ForeignKey(
        "ideas.Proposal", on_delete=models.CASCADE, related_name="vote_events"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote event")
        verbose_name_plural = _("vote events")
        ordering = ["id"]
