"""A challenge's intellectual property and confidentiality terms, in versions, and who
accepted which version when: a team when it submits, an evaluator before seeing confidential
parts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from partners.translated import Translated

TERMS_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class ChallengeTerms(Translated):
    """One version of a challenge's terms. A version is never edited once anyone accepted it;
    staff add a new one, which asks the teams to accept again."""

    translated_fields = ("body",)

    challenge = models.ForeignKey(
        "cms.ChallengePage",
        on_delete=models.CASCADE,
        related_name="terms_versions",
        verbose_name=_("challenge"),
    )
    version = models.PositiveIntegerField(_("version"))
    body = RichTextField(
        _("terms"),
        features=TERMS_FEATURES,
        help_text=_(
            "Who owns what, how results may be reused, and the evaluators' duty of confidentiality."
        ),
    )
    change_note = models.CharField(
        _("what changed"),
        max_length=300,
        blank=True,
        help_text=_("Shown to the teams asked to accept again."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("terms version")
        verbose_name_plural = _("terms versions")
        ordering = ["challenge_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "version"], name="terms_unique_version"),
        ]

    def __str__(self) -> str:
        return _("%(challenge)s, terms version %(version)s") % {
            "challenge": self.challenge.title,
            "version": self.version,
        }


class TermsAcceptance(models.Model):
    """A record that a person accepted one version of the terms: for a proposal's team, or as
    an evaluator of the challenge."""

    class Role(models.TextChoices):
        TEAM = "team", _("For the team")
        EVALUATOR = "evaluator", _("As an evaluator")

    terms = models.ForeignKey(
        ChallengeTerms,
        on_delete=models.PROTECT,
        related_name="acceptances",
        verbose_name=_("terms version"),
    )
    role = models.CharField(_("accepted"), max_length=10, choices=Role.choices)
    proposal = models.ForeignKey(
        "ideas.Proposal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="terms_acceptances",
        verbose_name=_("proposal"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="terms_acceptances",
        verbose_name=_("accepted by"),
    )
    # Kept when the account is removed: the record says who accepted.
    user_name = models.CharField(_("name"), max_length=200)
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("terms acceptance")
        verbose_name_plural = _("terms acceptances")
        ordering = ["-accepted_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role="team") & Q(proposal__isnull=False))
                | (Q(role="evaluator") & Q(proposal__isnull=True)),
                name="terms_acceptance_role_matches",
            ),
            models.UniqueConstraint(
                fields=["terms", "proposal"],
                condition=Q(role="team"),
                name="terms_accepted_once_per_team",
            ),
            models.UniqueConstraint(
                fields=["terms", "user"],
                condition=Q(role="evaluator"),
                name="terms_accepted_once_per_evaluator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_name} · {self.terms}"
