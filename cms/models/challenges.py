"""Service challenges (Wagtail pages with a schedule, criteria and a team of evaluators) and
their evaluation criteria."""

from datetime import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from cms.blocks import BodyBlock
from cms.forms import ChallengePageForm
from cms.phases import Phase, Schedule, has_voting, phase_at
from partners.images import ImageSlot, alt_for, image_fields

from .queries import ChallengePageManager
from .taxonomy import CustomerGroup, Theme

HERO_SLOT = ImageSlot.named("hero_image")


def _not_negative(what):
    return MinValueValidator(0, message=what)


class ChallengePage(Page):
    owner_unit = models.CharField(
        _("owner unit"),
        max_length=200,
        default="Espoo City Museum",
        help_text=_("The publishing city unit."),
    )
    # Nullable for the challenges made before units; the editor requires it (cms/forms.py).
    unit = models.ForeignKey(
        "cms.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenges",
        verbose_name=_("organising unit"),
        help_text=_("The unit that publishes the challenge and runs its pilots."),
    )
    summary = models.TextField(_("summary"), max_length=600)
    easy_read_summary = models.TextField(
        _("easy-read summary"),
        max_length=1500,
        blank=True,
        help_text=_(
            "In plain language (selkokieli, lättläst): shown first to those who choose it."
        ),
    )
    hero_image, hero_image_alt, hero_image_decorative = image_fields(
        _("hero image"),
        help_text=_("Shown at the top of the challenge and on its card. Set its focal point."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    customer_groups = ParentalManyToManyField(
        CustomerGroup,
        blank=True,
        related_name="challenges",
        verbose_name=_("target customer groups"),
    )
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="challenges", verbose_name=_("themes")
    )
    budget_eur = models.PositiveIntegerField(
        _("budget (euros)"),
        null=True,
        blank=True,
        validators=[_not_negative(_("The budget cannot be negative."))],
    )
    pilot_length_weeks = models.PositiveSmallIntegerField(
        _("pilot length (weeks)"),
        null=True,
        blank=True,
        validators=[_not_negative(_("The pilot length cannot be negative."))],
    )

    proposals_open = models.DateTimeField(_("proposals open"))
    proposals_close = models.DateTimeField(_("proposals close"))
    voting_open = models.DateTimeField(_("voting opens"), null=True, blank=True)
    voting_close = models.DateTimeField(_("voting closes"), null=True, blank=True)
    evaluation_end = models.DateTimeField(_("evaluation ends"))
    pilots_end = models.DateTimeField(_("pilot period ends"))
    # The city's promise to the teams: by when staff decide on submitted proposals (empty: by
    # the end of evaluation). The staff's overdue list and the public response times use it.
    decisions_due = models.DateTimeField(
        _("decisions by"),
        null=True,
        blank=True,
        help_text=_("By when staff decide on submitted proposals. Empty: when evaluation ends."),
    )

    individuals_may_submit = models.BooleanField(_("individuals may submit ideas"), default=False)
    proposals_public = models.BooleanField(
        _("proposals become public"),
        default=True,
        help_text=_(
            "Submitted proposals are published for comments and voting if the team consents."
        ),
    )
    votes_per_resident = models.PositiveSmallIntegerField(
        _("votes per resident"),
        default=3,
        help_text=_("0 means no limit."),
        validators=[_not_negative(_("The number of votes cannot be negative."))],
    )
    resident_vote_weight = models.DecimalField(
        _("resident vote weight"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.30"),
        validators=[
            MinValueValidator(0, message=_("The weight must be between 0 and 1.")),
            MaxValueValidator(1, message=_("The weight must be between 0 and 1.")),
        ],
        help_text=_("Share of resident votes in the final ranking, from 0 to 1."),
    )
    show_vote_counts_while_voting = models.BooleanField(
        _("show vote counts while voting is open"), default=True
    )

    objects = ChallengePageManager()

    # wagtail-localize: text fields (title, owner unit, summary, body, slug, search texts) are
    # translated; every other field is copied from the original on each sync: the schedule,
    # budget, pilot length, participation settings and evaluation criteria (automatically), and
    # the customer groups and themes (named here: many-to-many fields are skipped otherwise).
    # A translation shows them in its language through the snippets' own translations.
    override_translatable_fields = [
        SynchronizedField("customer_groups", overridable=False),
        SynchronizedField("themes", overridable=False),
        SynchronizedField("unit", overridable=False),
    ]

    parent_page_types = ["cms.ChallengeIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        "unit",
        "owner_unit",
        "summary",
        "easy_read_summary",
        MultiFieldPanel(
            ["hero_image", "hero_image_alt", "hero_image_decorative"], heading=_("Hero image")
        ),
        "body",
        MultiFieldPanel(
            [
                FieldPanel("customer_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Audience"),
        ),
        FieldRowPanel(["budget_eur", "pilot_length_weeks"], heading=_("Budget and pilot")),
        InlinePanel(
            "criteria",
            min_num=1,
            label=_("evaluation criterion"),
            heading=_("Evaluation criteria"),
            help_text=_("At least one criterion; every weight above zero."),
        ),
    ]
    schedule_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(["proposals_open", "proposals_close"]),
                FieldRowPanel(
                    ["voting_open", "voting_close"], help_text=_("Leave both empty for no voting.")
                ),
                FieldRowPanel(["evaluation_end", "pilots_end"]),
                "decisions_due",
            ],
            heading=_("Schedule"),
            help_text=_(
                "Times are in Finnish time (Europe/Helsinki). A phase begins at its opening instant."
            ),
        ),
    ]
    challenge_settings_panels = [
        MultiFieldPanel(
            [
                "individuals_may_submit",
                "proposals_public",
                "votes_per_resident",
                "resident_vote_weight",
                "show_vote_counts_while_voting",
            ],
            heading=_("Participation"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(schedule_panels, heading=_("Schedule")),
            ObjectList(challenge_settings_panels, heading=_("Settings")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Publishing")),
        ]
    )
    base_form_class = ChallengePageForm

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        constraints = [HERO_SLOT.constraint("challenge_hero_described_or_decorative")]

    @property
    def share_image(self):
        return self.hero_image

    @property
    def hero_image_alt_text(self) -> str:
        return alt_for(self, HERO_SLOT)

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import challenge_detail  # selectors import the models

        context = super().get_context(request, *args, **kwargs)
        context.update(challenge_detail(self, request=request))
        return context

    # --- Schedule and phase -------------------------------------------------------------

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

    @property
    def has_voting(self) -> bool:
        return has_voting(self)

    def next_deadline_at(self, now: datetime | None = None) -> datetime | None:
        """The next boundary after `now`: when the current phase (or the voting wait) ends."""
        now = now or timezone.now()
        boundaries = [self.proposals_open, self.proposals_close]
        if self.has_voting:
            boundaries += [self.voting_open, self.voting_close]
        boundaries += [self.evaluation_end, self.pilots_end]
        return min((b for b in boundaries if b > now), default=None)

    def timeline(self, now: datetime | None = None) -> list[dict]:
        """The phases in order with their start and end, the current one marked."""
        now = now or timezone.now()
        current = self.phase_at(now)
        rows = [(Phase.UPCOMING, None, self.proposals_open)]
        rows.append((Phase.PROPOSALS, self.proposals_open, self.proposals_close))
        evaluation_start = self.proposals_close
        if self.has_voting:
            rows.append((Phase.VOTING, self.voting_open, self.voting_close))
            evaluation_start = self.voting_close
        rows += [
            (Phase.EVALUATION, evaluation_start, self.evaluation_end),
            (Phase.PILOTING, self.evaluation_end, self.pilots_end),
            (Phase.CLOSED, self.pilots_end, None),
        ]
        return [
            {
                "phase": phase.value,
                "label": phase.label,
                "starts": starts,
                "ends": ends,
                "current": phase == current,
            }
            for phase, starts, ends in rows
        ]

    # --- Validation ---------------------------------------------------------------------

    def clean(self):
        errors: dict[str, list] = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field, message in self.schedule_errors().items():
            errors.setdefault(field, []).append(message)
        # The admin form validates the criteria of its inline formset itself (see forms.py):
        # the page's relation still holds the saved rows while the form is being cleaned.
        if not getattr(self, "_criteria_validated_by_form", False):
            messages = self.criteria_errors(list(self.criteria.all()))
            if messages:
                errors.setdefault("criteria", []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def schedule_errors(self) -> dict[str, str]:
        """A clear message on the field that breaks the order of the schedule."""
        errors = {}
        if (
            self.proposals_open
            and self.proposals_close
            and self.proposals_close <= self.proposals_open
        ):
            errors["proposals_close"] = _("Proposals must close after they open.")
        if (self.voting_open is None) != (self.voting_close is None):
            missing = "voting_close" if self.voting_close is None else "voting_open"
            errors[missing] = _("Give both voting dates, or leave both empty for no voting.")
        elif self.has_voting:
            if self.proposals_close and self.voting_open < self.proposals_close:
                errors["voting_open"] = _("Voting must open when proposals close or later.")
            if self.voting_close <= self.voting_open:
                errors["voting_close"] = _("Voting must close after it opens.")
        last_before_evaluation = [d for d in (self.proposals_close, self.voting_close) if d]
        if self.evaluation_end and any(self.evaluation_end <= d for d in last_before_evaluation):
            errors["evaluation_end"] = (
                _("Evaluation must end after proposals and voting close.")
                if self.has_voting
                else _("Evaluation must end after proposals close.")
            )
        if (
            self.decisions_due
            and self.proposals_close
            and self.decisions_due < self.proposals_close
        ):
            errors["decisions_due"] = _("Decisions cannot be due before proposals close.")
        if self.pilots_end and self.evaluation_end and self.pilots_end <= self.evaluation_end:
            errors["pilots_end"] = _("The pilot period must end after evaluation ends.")
        return errors

    @staticmethod
    def criteria_errors(criteria, *, require_one: bool = True) -> list[str]:
        messages = []
        if require_one and not criteria:
            messages.append(_("Add at least one evaluation criterion."))
        if any(c.weight is None or c.weight <= 0 for c in criteria):
            messages.append(_("Every evaluation criterion needs a weight above zero."))
        return messages

    # --- Privacy -----------------------------------------------------------------------

    @cached_property
    def is_view_restricted(self) -> bool:
        """Is any language version of this challenge in a private section (a view restriction
        on it or an ancestor)? One query, then remembered; a query that already answers it
        (the vote's read) sets it."""
        if self.pk is None:
            return False
        return type(self).objects.filter(pk=self.pk).view_restricted().exists()

    # --- Translations -------------------------------------------------------------------

    @property
    def original(self) -> "ChallengePage":
        """The challenge in the default language: proposals, votes and pilots attach to it."""
        from cms.cache import default_locale

        default = default_locale()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self
