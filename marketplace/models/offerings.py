"""Offerings: the services pilots prove, in the public catalogue, and the changes providers propose."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.images import ImageSlot, alt_for, image_fields
from partners.models import Organisation
from partners.translated import Translated

from .pilots import Pilot

IMAGE_SLOT = ImageSlot.named("image")


class PriceModel(models.TextChoices):
    FREE = "free", _("Free")
    FIXED = "fixed", _("Fixed price")
    PER_USE = "per_use", _("Per use")
    SUBSCRIPTION = "subscription", _("Subscription")
    NEGOTIABLE = "negotiable", _("Negotiable")


class OfferingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Offering(Translated):
    """A service package in the catalogue, by one or more provider organisations."""

    translated_fields = ("title", "summary", "description", "easy_read_summary", "image_alt")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=220, unique=True)
    summary = models.TextField(_("summary"))
    description = models.TextField(_("description"), blank=True)
    easy_read_summary = models.TextField(
        _("easy-read summary"),
        max_length=1500,
        blank=True,
        help_text=_(
            "In plain language (selkokieli, lättläst): shown first to those who choose it."
        ),
    )
    providers = models.ManyToManyField(
        Organisation, related_name="offerings", verbose_name=_("providers")
    )
    customer_groups = models.ManyToManyField(
        "cms.CustomerGroup", blank=True, related_name="offerings"
    )
    themes = models.ManyToManyField("cms.Theme", blank=True, related_name="offerings")
    cities = models.JSONField(_("cities where available"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    price_model = models.CharField(_("price model"), max_length=20, choices=PriceModel.choices)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    pilot = models.ForeignKey(
        Pilot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offerings",
        verbose_name=_("pilot"),
    )
    image, image_alt, image_decorative = image_fields(
        pgettext_lazy("offering", "image"),
        help_text=_("Shown on the offering's page and card. Set its focal point."),
    )
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfferingQuerySet.as_manager()

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["title"]
        constraints = [IMAGE_SLOT.constraint("offering_image_described_or_decorative")]

    def __str__(self) -> str:
        return self.title

    @property
    def share_image(self):
        return self.image

    @property
    def image_alt_text(self) -> str:
        return alt_for(self, IMAGE_SLOT)

    def get_absolute_url(self) -> str:
        return reverse("marketplace:offering-detail", kwargs={"slug": self.slug})


class OfferingEditProposal(models.Model):
    """Changes a provider team proposes to an offering; staff approve (applying them) or reject."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("offering change", "Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", pgettext_lazy("offering change", "Rejected")

    # The offering fields a provider team may propose changes to.
    EDITABLE_FIELDS = (
        "title",
        "summary",
        "description",
        "contact_email",
        "price_model",
        "cities",
        "languages",
    )

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="edit_proposals")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    changes = models.JSONField(_("proposed changes"), default=dict)
    note = models.TextField(_("note to staff"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("offering edit proposal")
        verbose_name_plural = _("offering edit proposals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.offering} ({self.get_status_display()})"
