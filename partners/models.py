"""People and organisations: the custom user, organisations, memberships and invitations."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .images import ImageSlot, alt_for, image_fields
from .translated import Translated
from .validators import validate_business_id


class Language(models.TextChoices):
    FI = "fi", "Suomi"
    SV = "sv", "Svenska"
    EN = "en", "English"


class NoticeDelivery(models.TextChoices):
    """How a person's notices reach them by e-mail; the notification centre shows them all."""

    IMMEDIATE = "immediate", _("By e-mail at once")
    DAILY = "daily", _("A daily digest by e-mail")
    WEEKLY = "weekly", _("A weekly digest by e-mail")
    IN_APP = "in_app", _("In Tori only, no e-mail")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("email_verified_at", timezone.now())
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. Signs in with an e-mail address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=100)
    preferred_language = models.CharField(
        pgettext_lazy("contact language", "preferred language"),
        max_length=2,
        choices=Language.choices,
        default=Language.FI,
    )
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    notice_delivery = models.CharField(
        _("how notices reach you"),
        max_length=10,
        choices=NoticeDelivery.choices,
        default=NoticeDelivery.IMMEDIATE,
    )
    auto_follow = models.BooleanField(
        _("follow automatically what I vote on, comment on or give feedback on"), default=True
    )
    # When the last daily or weekly digest went out, so a digest is sent once per period.
    last_digest_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name", "email"]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def is_verified(self) -> bool:
        """A verified e-mail address: needed to vote, comment and submit."""
        return self.email_verified_at is not None

    # Wagtail's admin shows these.
    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name


class City(models.TextChoices):
    HELSINKI = "helsinki", pgettext_lazy("city", "Helsinki")
    ESPOO = "espoo", pgettext_lazy("city", "Espoo")
    VANTAA = "vantaa", pgettext_lazy("city", "Vantaa")
    TAMPERE = "tampere", pgettext_lazy("city", "Tampere")
    TURKU = "turku", pgettext_lazy("city", "Turku")
    OULU = "oulu", pgettext_lazy("city", "Oulu")
    OTHER = "other", _("Other")


LOGO_SLOT = ImageSlot.named("logo")


class OrganisationQuerySet(models.QuerySet):
    def with_member_count(self):
        return self.annotate(member_count=models.Count("memberships", distinct=True))

    def of_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Organisation(Translated):
    translated_fields = ("description", "capabilities", "logo_alt")
    # What its owners edit (the staff's admin form adds the slug and `verified`), in form order.
    # The logo itself is uploaded next to its alternative text (partners.forms).
    profile_fields = (
        "name",
        "kind",
        "business_id",
        "city",
        "website",
        "language",
        "description",
        "capabilities",
        "logo_alt",
        "logo_decorative",
    )
    logo_slot = LOGO_SLOT

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        RESEARCH = "research", _("Research group")
        ASSOCIATION = "association", _("Association")
        PUBLIC = "public", _("Public body")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    business_id = models.CharField(
        _("Business ID (Y-tunnus)"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Required for companies, e.g. 1234567-1."),
    )
    city = models.CharField(_("home city"), max_length=20, choices=City.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    capabilities = models.TextField(
        _("capabilities"), blank=True, help_text=_("What the organisation can offer.")
    )
    verified = models.BooleanField(
        _("verified by staff"), default=False, help_text=_("Set by staff after checking.")
    )
    logo, logo_alt, logo_decorative = image_fields(_("logo"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="company") | ~Q(business_id=""),
                name="organisation_company_has_business_id",
            ),
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~Q(business_id=""),
                name="organisation_unique_business_id",
            ),
            LOGO_SLOT.constraint("organisation_logo_described_or_decorative"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def share_image(self):
        return self.logo

    @property
    def logo_alt_text(self) -> str:
        return alt_for(self, self.logo_slot)

    def get_absolute_url(self) -> str:
        return reverse("partners:organisation-detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class OrganisationInvitation(models.Model):
    """An e-mailed, single-use, expiring invitation to join an organisation."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("invitation", "Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation invitation")
        verbose_name_plural = _("organisation invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class Notification(models.Model):
    """An in-app notification; e-mail copies go out per the user's preferences."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        STATUS_CHANGE = "status_change", _("Status change")
        COMMENT = "comment", _("New comment")
        MODERATION = "moderation", _("Moderation")
        UPDATE = "update", _("News on what you follow")

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
