from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.rules import EVALUATORS


class EvaluatorAssignment(models.Model):
    """A member of the Evaluators group assigned by staff to evaluate one challenge."""

    challenge = models.ForeignKey(
        "cms.ChallengePage",
        on_delete=models.CASCADE,
        related_name="evaluator_assignments",
        verbose_name=_("challenge"),
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="evaluator_assignments",
        verbose_name=_("evaluator"),
        limit_choices_to={"groups__name": EVALUATORS},
        help_text=_("Only members of the Evaluators group can be assigned."),
    )
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluator assignment")
        verbose_name_plural = _("evaluator assignments")
        constraints = [
            models.UniqueConstraint(fields=["challenge", "evaluator"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} → {self.challenge}"


class Review(models.Model):
    """One evaluator's review of one proposal, or their declared conflict of interest."""

    proposal = models.ForeignKey(
        "ideas.Proposal",
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("proposal"),
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("evaluator"),
    )
    comment = models.TextField(_("comment"), blank=True)
    # Shown to the proposal's team without the evaluator's name once decisions are published.
    comment_for_team = models.TextField(_("comment for the team"), blank=True)
    conflict_of_interest = models.BooleanField(_("conflict of interest"), default=False)
    conflict_reason = models.TextField(_("conflict reason"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "evaluator"], name="review_unique_evaluator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} · {self.proposal}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class CriterionScore(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        "cms.EvaluationCriterion",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("criterion"),
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_unique_criterion"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="score_1_to_5"),
        ]


class ReviewState(models.TextChoices):
    """Where an evaluator stands with one proposal (derived, never stored)."""

    TODO = "todo", pgettext_lazy("review status", "Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CONFLICT = "conflict", _("Conflict of interest")
