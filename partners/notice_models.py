"""Notifications and what makes them: following, the events followers hear of, and the e-mail
delivery of each notice (see partners.notices and partners.delivery)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Notification(models.Model):
    """An in-app notification; e-mail copies go out per the user's preferences."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        STATUS_CHANGE = "status_change", _("Status change")
        COMMENT = "comment", _("New comment")
        MODERATION = "moderation", _("Moderation")
        UPDATE = "update", _("News on what you follow")
        ON_BEHALF = "on_behalf", _("Entered for you by staff")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject = models.CharField(pgettext_lazy("notification", "subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # The subject and body in every language ({"sv": {"subject": …, "body": …}}), so the
    # notification centre shows them in the language the person uses Tori in now, and the
    # e-mail goes out in their contact language. `subject`/`body` hold the contact language's.
    texts = models.JSONField(_("texts"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # The event this notice tells of: one notice per event and person, however many of the
    # things they follow it concerns.
    event = models.ForeignKey(
        "NoticeEvent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("event"),
    )
    # Digests group notices by challenge: "challenge:<page id>" (empty: no challenge);
    # `texts[language]["group"]` holds the challenge's title in that language.
    group_key = models.CharField(_("group"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient"],
                condition=Q(event__isnull=False),
                name="notification_once_per_event",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def text(self, part: str, language: str | None = None) -> str:
        """The subject, body or group in `language` (default: the active one), else as stored."""
        language = (language or translation.get_language() or "").split("-")[0]
        return (self.texts or {}).get(language, {}).get(part) or getattr(self, part, "")

    @property
    def shown_subject(self) -> str:
        return self.text("subject")

    @property
    def shown_body(self) -> str:
        return self.text("body")


class EmailPreference(models.Model):
    """Which kinds of notification e-mail a user has switched off (absent row: all on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Notification.Kind.choices)
    enabled = models.BooleanField(_("send e-mail"), default=True)

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="emailpref_unique")]


class Follow(models.Model):
    """A person follows a challenge, a proposal or a pilot, and hears of what becomes of it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # Followed because they voted, commented, gave feedback or joined the team.
    automatic = models.BooleanField(_("followed automatically"), default=False)
    created_at = models.DateTimeField(_("followed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.content_type.model} {self.object_id}"


class NoticeEvent(models.Model):
    """Something followers hear of, recorded once: `key` names it ("proposal:12:selected")."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Proposal status changed")
        SHORTLISTED = "shortlisted", _("Proposal shortlisted")
        SELECTED = "selected", _("Proposal selected")
        DECLINED = "declined", _("Proposal declined")
        ANSWER = "answer", _("Official answer")
        PILOT_CREATED = "pilot_created", _("Pilot planned")
        PILOT_STARTED = "pilot_started", _("Pilot started")
        PILOT_COMPLETED = "pilot_completed", _("Pilot completed")
        OFFERING_PUBLISHED = "offering_published", _("Service published")
        VOTING_OPENED = "voting_opened", _("Voting opened")
        RESULTS_PUBLISHED = "results_published", _("Results published")

    key = models.CharField(_("key"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("notice event")
        verbose_name_plural = _("notice events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.key


class Delivery(models.Model):
    """The e-mail of one notice to one person: sent once, retried after a failed send."""

    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", _("At once")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, to be retried")
        GAVE_UP = "gave_up", _("Failed")
        CANCELLED = "cancelled", _("Not sent")

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="delivery"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # A sender claims deliveries by writing its token, so two workers never send one twice.
    claim = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "status", "mode"])]

    def __str__(self) -> str:
        return f"{self.notification_id} → {self.recipient_id}: {self.status}"
