"""Which challenge pages are public and in which phase, as database conditions."""

from datetime import datetime

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, When
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from cms.phases import Phase, has_voting_q


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
