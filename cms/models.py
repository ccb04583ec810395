"""Wagtail pages and snippets: home, standard pages, challenges, customer groups, themes."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin

from .blocks import BodyBlock
from .phases import Phase, Schedule, phase_at


class CustomerGroup(TranslatableMixin, models.Model):
    """A group of the museum's customers, e.g. seniors or schools."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    needs = models.TextField(_("needs"), blank=True, help_text=_("What this group needs."))

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("customer group")
        verbose_name_plural = _("customer groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="customergroup_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="theme_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, "intro", "body"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """Information pages: accessibility statement, privacy notice, about."""

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    show_in_footer = models.BooleanField(
        _("show in footer"), default=False, help_text=_("Link this page from every page's footer.")
    )

    content_panels = [*Page.content_panels, "summary", "body"]
    promote_panels = [*Page.promote_panels, "show_in_footer"]

    class Meta:
        verbose_name = _("standard page")


class ChallengeIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "intro"]
    subpage_types = ["cms.ChallengePage"]

    class Meta:
        verbose_name = _("challenge index")


class ChallengePage(Page):
    owner_unit = models.CharField(
        _("owner unit"), max_length=200, default="Espoo City Museum", help_text=_("The publishing city unit.")
    )
    summary = models.TextField(_("summary"), max_length=600)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    customer_groups = ParentalManyToManyField(
        CustomerGroup, blank=True, related_name="challenges", verbose_name=_("target customer groups")
    )
    themes = ParentalManyToManyField(Theme, blank=True, related_name="challenges", verbose_name=_("themes"))
    budget_eur = models.PositiveIntegerField(_("budget (euros)"), null=True, blank=True)
    pilot_length_weeks = models.PositiveSmallIntegerField(_("pilot length (weeks)"), null=True, blank=True)

    proposals_open = models.DateTimeField(_("proposals open"))
    proposals_close = models.DateTimeField(_("proposals close"))
    voting_open = models.DateTimeField(_("voting opens"), null=True, blank=True)
    voting_close = models.DateTimeField(_("voting closes"), null=True, blank=True)
    evaluation_end = models.DateTimeField(_("evaluation ends"))
    pilots_end = models.DateTimeField(_("pilot period ends"))

    individuals_may_submit = models.BooleanField(_("individuals may submit ideas"), default=False)
    proposals_public = models.BooleanField(
        _("proposals become public"),
        default=True,
        help_text=_("Submitted proposals are published for comments and voting if the team consents."),
    )
    votes_per_resident = models.PositiveSmallIntegerField(
        _("votes per resident"), default=3, help_text=_("0 means no limit.")
    )
    resident_vote_weight = models.DecimalField(
        _("resident vote weight"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.30"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Share of resident votes in the final ranking, from 0 to 1."),
    )
    show_vote_counts_while_voting = models.BooleanField(
        _("show vote counts while voting is open"), default=True
    )

    parent_page_types = ["cms.ChallengeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    @property
    def schedule(self) -> Schedule:
        return Schedule(
            proposals_open=self.proposals_open,
            proposals_close=self.proposals_close,
            voting_open=self.voting_open,
            voting_close=self.voting_close,
            evaluation_end=self.evaluation_end,
            pilots_end=self.pilots_end,
        )

    @property
    def phase(self) -> str:
        return phase_at(self.schedule).value

    def phase_at(self, now) -> str:
        return phase_at(self.schedule, now).value

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label


class EvaluationCriterion(Orderable):
    challenge = ParentalKey(ChallengePage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, default=1, validators=[MinValueValidator(0.01)]
    )

    class Meta(Orderable.Meta):
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name
