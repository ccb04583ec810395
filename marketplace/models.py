"""The marketplace domain: pilots of selected proposals and the offerings they prove."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.models import Organisation
from partners.translated import Translated


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
    translated_fields = ("title", "public_summary", "venue")

    proposal = models.OneToOneField(
        "ideas.Proposal", on_delete=models.PROTECT, related_name="pilot", verbose_name=_("proposal")
    )
    title = models.CharField(_("title"), max_length=200)
    public_summary = models.TextField(_("public summary"), help_text=_("Written for publication."))
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


class FeedbackQuerySet(models.QuerySet):
    def visible(self):
        """Feedback not hidden by a moderator: the only feedback that counts anywhere."""
        return self.filter(hidden_at__isnull=True)

    def reported(self):
        return self.filter(reports__isnull=False).distinct()


class Feedback(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pilot_feedback"
    )
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

    translated_fields = ("title", "summary", "description")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=220, unique=True)
    summary = models.TextField(_("summary"))
    description = models.TextField(_("description"), blank=True)
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
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfferingQuerySet.as_manager()

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

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


class PageCacheGeneration(models.Model):
    """One row, bumped after every committed change that can alter a public page: the
    anonymous page cache (marketplace.page_cache) keys every page by its value."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("page cache generation")
        verbose_name_plural = _("page cache generations")

    def __str__(self) -> str:
        return str(self.value)
