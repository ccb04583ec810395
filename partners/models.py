"""People and organisations: the custom user, organisations, memberships and invitations."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

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
    prefers_easy_read = models.BooleanField(
        _("show easy-read summaries first"),
        default=False,
        help_text=_("Plain-language summaries (selkokieli, lättläst) where they exist."),
    )
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
    # From the shared list (a partner search filters by them); the text above says the rest.
    capability_tags = models.ManyToManyField(
        "partners.Capability",
        blank=True,
        related_name="organisations",
        verbose_name=_("capability tags"),
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


# Notifications, following and delivery live in their own module; importing them here keeps
# `partners.models.<Name>` the one place to find every model of the app.
from .notice_models import (  # noqa: E402, F401
    Delivery,
    EmailPreference,
    Follow,
    NoticeEvent,
    Notification,
)


class ListItem(TranslatableMixin, models.Model):
    """An item of a shared list things are tagged with (a capability, a theme, a customer
    group): a translatable snippet, one item in every language, named by a slug that is the
    same in every language (copied from the original, never translated) and unique in each."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="%(class)s_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Capability(ListItem):
    """A capability from the shared list organisations describe themselves with, e.g.
    accessibility or service design."""

    class Meta(ListItem.Meta):
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
