"""Wagtail pages and snippets: home, standard pages, challenges, customer groups, themes."""

from datetime import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, When
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail_localize.fields import SynchronizedField

from .blocks import BodyBlock
from .forms import ChallengePageForm
from .phases import Phase, Schedule, has_voting, has_voting_q, phase_at


class CustomerGroup(TranslatableMixin, models.Model):
    """A group of the museum's customers, e.g. seniors or schools."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    needs = models.TextField(_("needs"), blank=True, help_text=_("What this group needs."))

    # The slug names the group in every language (the challenge filter's ?group=): copied from
    # the original, never translated (wagtail-localize).
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

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
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="theme_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class FallbackRouteMixin:
    """Routes to the original page when the active language has no (live) translation.

    `/sv/challenges/x/` serves the Swedish translation of challenge x when it is live, else the
    original in the default language (Finnish), so links work in every language.
    """

    def route(self, request, path_components):
        if path_components:
            child_slug, remaining = path_components[0], path_components[1:]
            child = self.get_children().filter(slug=child_slug).first()
            if child is not None:
                child._cached_parent_obj = self
                try:
                    return child.specific.route(request, remaining)
                except Http404:
                    pass
            from .cache import default_locale

            default = default_locale()
            if self.locale_id != default.pk:
                original = self.get_translation_or_none(default)
                if original is not None:
                    child = original.get_children().filter(slug=child_slug).first()
                    if child is not None:
                        return child.specific.route(request, remaining)
            raise Http404
        return super().route(request, path_components)


class HomePage(FallbackRouteMixin, Page):
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
    accessibility_feedback = models.BooleanField(
        _("accessibility feedback form"),
        default=False,
        help_text=_(
            "Show the accessibility feedback form (for the accessibility statement). "
            "Messages are e-mailed to the accessibility contact and not stored."
        ),
    )

    content_panels = [*Page.content_panels, "summary", "body"]
    promote_panels = [*Page.promote_panels, "show_in_footer", "accessibility_feedback"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.accessibility_feedback:
            from .forms import AccessibilityFeedbackForm

            context["feedback_form"] = AccessibilityFeedbackForm(
                initial={"page_url": request.GET.get("page", "")}
            )
            context["feedback_contact"] = settings.ACCESSIBILITY_FEEDBACK_EMAIL
        return context

    class Meta:
        verbose_name = _("standard page")


class ChallengeIndexPage(RoutablePageMixin, FallbackRouteMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "intro"]
    subpage_types = ["cms.ChallengePage"]

    class Meta:
        verbose_name = _("challenge index")

    def get_context(self, request, *args, **kwargs):
        from .selectors import challenge_listing  # selectors import the models

        context = super().get_context(request, *args, **kwargs)
        context.update(challenge_listing(index=self, data=request.GET, request=request))
        return context

    @path("feed/rss/", name="feed-rss")
    def rss_feed(self, request):
        from .feeds import ChallengeRssFeed

        return ChallengeRssFeed(self)(request)

    @path("feed/atom/", name="feed-atom")
    def atom_feed(self, request):
        from .feeds import ChallengeAtomFeed

        return ChallengeAtomFeed(self)(request)


def _restriction_at_or_above():
    """The view restrictions on the outer query's page or one of its ancestors: a Wagtail
    page's ancestors are the pages whose path is a prefix of its path."""
    return PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )


def view_restricted_sql(page_id: str) -> str:
    """`ChallengePage.is_view_restricted` as an SQL boolean for hand-written queries (the vote's
    read, ideas.selectors.votes): `page_id` is the SQL expression of the page's id. No
    parameters. A test keeps it in step with `ChallengePageQuerySet.view_restricted()`."""
    page, restriction = Page._meta.db_table, PageViewRestriction._meta.db_table
    key, path = Page._meta.get_field("translation_key").column, Page._meta.get_field("path").column
    restricted_page = PageViewRestriction._meta.get_field("page").column
    pk = Page._meta.pk.column
    return (
        f"EXISTS (SELECT 1 FROM {page} s, {page} g, {restriction} r, {page} rp "  # noqa: S608
        f"WHERE s.{pk} = {page_id} AND g.{key} = s.{key} AND rp.{pk} = r.{restricted_page} "
        f"AND SUBSTR(g.{path}, 1, LENGTH(rp.{path})) = rp.{path})"
    )


class ChallengePageQuerySet(PageQuerySet):
    """Challenges by phase and deadline. Mirrors `phases.phase_at` in SQL (see the tests)."""

    def view_restricted(self):
        """Challenges in a private section in any of their languages: a Wagtail view
        restriction (password, login or groups) on a language version of the page or on one
        of its ancestors. Their proposals are confidential (ideas.models.Proposal). One SQL
        subquery, no query of its own (Wagtail's `not_public()` reads the restrictions first)."""
        private = self.model.objects.filter(Exists(_restriction_at_or_above()))
        return self.filter(translation_key__in=private.values("translation_key"))

    @staticmethod
    def _phase_conditions(now: datetime) -> list[tuple[Phase, Q]]:
        """(phase, "the instant is before this phase ends") in phase order, as phase_at asks."""
        return [
            (Phase.UPCOMING, Q(proposals_open__gt=now)),
            (Phase.PROPOSALS, Q(proposals_close__gt=now)),
            (Phase.VOTING, has_voting_q() & Q(voting_close__gt=now)),
            (Phase.EVALUATION, Q(evaluation_end__gt=now)),
            (Phase.PILOTING, Q(pilots_end__gt=now)),
        ]

    @classmethod
    def phase_q(cls, phase: str, now: datetime | None = None) -> Q:
        """The condition for a challenge being in `phase` at `now`."""
        now = now or timezone.now()
        earlier = Q()
        for current, before_end in cls._phase_conditions(now):
            if current == phase:
                return earlier & before_end
            earlier &= ~before_end
        if phase == Phase.CLOSED:
            return earlier
        raise ValueError(f"unknown phase {phase!r}")

    def in_phase(self, *phases: str, now: datetime | None = None):
        now = now or timezone.now()
        condition = Q(pk__in=[])
        for phase in phases:
            condition |= self.phase_q(phase, now)
        return self.filter(condition)

    def with_next_deadline(self, now: datetime | None = None):
        """Annotate `next_deadline`: the next boundary after `now` (None when closed)."""
        now = now or timezone.now()
        q = self.phase_q
        return self.annotate(
            next_deadline=Case(
                When(q(Phase.UPCOMING, now), then=F("proposals_open")),
                When(q(Phase.PROPOSALS, now), then=F("proposals_close")),
                When(q(Phase.VOTING, now) & Q(voting_open__gt=now), then=F("voting_open")),
                When(q(Phase.VOTING, now), then=F("voting_close")),
                When(q(Phase.EVALUATION, now), then=F("evaluation_end")),
                When(q(Phase.PILOTING, now), then=F("pilots_end")),
                default=None,
                output_field=models.DateTimeField(),
            )
        )

    def by_next_deadline(self, now: datetime | None = None):
        """Soonest deadline first; closed challenges last, most recently closed first."""
        return self.with_next_deadline(now).order_by(
            F("next_deadline").asc(nulls_last=True), "-pilots_end", "title", "pk"
        )


ChallengePageManager = PageManager.from_queryset(ChallengePageQuerySet)


def _not_negative(what):
    return MinValueValidator(0, message=what)


class ChallengePage(Page):
    owner_unit = models.CharField(
        _("owner unit"),
        max_length=200,
        default="Espoo City Museum",
        help_text=_("The publishing city unit."),
    )
    summary = models.TextField(_("summary"), max_length=600)
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
    ]

    parent_page_types = ["cms.ChallengeIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        "owner_unit",
        "summary",
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

    def get_context(self, request, *args, **kwargs):
        from .selectors import challenge_detail  # selectors import the models

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
        from .cache import default_locale

        default = default_locale()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self


class EvaluationCriterion(Orderable):
    challenge = ParentalKey(ChallengePage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[
            MinValueValidator(Decimal("0.01"), message=_("The weight must be above zero."))
        ],
    )

    panels = ["name", "description", "weight"]

    class Meta(Orderable.Meta):
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="criterion_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name
