"""Pilots of selected proposals: stages, milestones, indicators and measurements, history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.images import ImageSlot, alt_for, image_fields
from partners.translated import Translated

PHOTO_SLOT = ImageSlot("image", "alt_text", "decorative")


class PilotStage(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    EVALUATING = "evaluating", _("Evaluating")
    COMPLETED = "completed", _("Completed")


class PilotOutcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    CONTINUED = "continued", _("Continued")
    DISCONTINUED = "discontinued", _("Discontinued")


class PilotQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Pilot(Translated):
    translated_fields = ("title", "public_summary", "easy_read_summary", "venue")

    proposal = models.OneToOneField(
        "ideas.Proposal", on_delete=models.PROTECT, related_name="pilot", verbose_name=_("proposal")
    )
    title = models.CharField(_("title"), max_length=200)
    public_summary = models.TextField(_("public summary"), help_text=_("Written for publication."))
    easy_read_summary = models.TextField(
        _("easy-read summary"),
        max_length=1500,
        blank=True,
        help_text=_(
            "In plain language (selkokieli, lättläst): shown first to those who choose it."
        ),
    )
    venue_languages = models.JSONField(
        _("languages at the venue"),
        default=list,
        blank=True,
        help_text=_("The languages of the venue's posters and on-site feedback form."),
    )
    venue = models.CharField(_("venue"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget_eur = models.PositiveIntegerField(_("budget (euros)"), null=True, blank=True)
    stage = models.CharField(
        _("stage"), max_length=12, choices=PilotStage.choices, default=PilotStage.PLANNED
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=PilotOutcome.choices, blank=True
    )
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PilotQuerySet.as_manager()

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="pilot_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(stage=PilotStage.COMPLETED),
                name="pilot_outcome_only_completed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("marketplace:pilot-detail", kwargs={"pk": self.pk})

    @property
    def first_photo(self):
        """The pilot's picture: the one a list fetched for its card
        (`selectors.pilots.with_first_photos`), else from the (prefetched) photos."""
        if hasattr(self, "card_photo"):
            return self.card_photo
        photos = list(self.photos.all()[:1]) if self.pk else []
        return photos[0] if photos else None

    @property
    def share_image(self):
        photo = self.first_photo
        return photo.image if photo else None


class PilotPhoto(Translated):
    """A photo of a pilot, in the order staff give them; the first is the pilot's picture."""

    translated_fields = ("alt_text", "caption")

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="photos", verbose_name=_("pilot")
    )
    image, alt_text, decorative = image_fields(_("photo"), required=True)
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("pilot photo")
        verbose_name_plural = _("pilot photos")
        ordering = ["sort_order", "pk"]
        constraints = [PHOTO_SLOT.constraint("pilotphoto_described_or_decorative")]

    def __str__(self) -> str:
        return self.caption or self.alt_text or str(self.image)

    @property
    def alt(self) -> str:
        return alt_for(self, PHOTO_SLOT)

    @property
    def share_image(self):
        return self.image


class PilotStageChange(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=12, choices=PilotStage.choices)
    to_stage = models.CharField(max_length=12, choices=PilotStage.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class Milestone(Translated):
    translated_fields = ("title",)

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    done_date = models.DateField(_("done date"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "id"]


class Indicator(Translated):
    translated_fields = ("name", "unit")

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["id"]


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["date", "id"]


class PilotEvent(models.Model):
    """One line of a pilot's history: who changed what, when."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Pilot created")
        UPDATED = "updated", _("Pilot details changed")
        STAGE = "stage", _("Stage changed")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", pgettext_lazy("pilot event", "Unpublished")
        MILESTONE = "milestone", _("Milestone")
        INDICATOR = "indicator", _("Indicator")
        MEASUREMENT = "measurement", _("Measurement")
        FEEDBACK = "feedback", _("Feedback moderation")
        OFFERING = "offering", _("Offering")

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    description = models.CharField(_("what"), max_length=500)
    # The description in every language ({"fi": …, "sv": …, "en": …}): `shown` picks the
    # reader's. `description` keeps the text in the language of the person who made the change.
    texts = models.JSONField(_("texts"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("pilot event")
        verbose_name_plural = _("pilot events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.shown

    @property
    def shown(self) -> str:
        """The description in the active language, else as it was written."""
        language = (translation.get_language() or "").split("-")[0]
        return (self.texts or {}).get(language) or self.description
