"""What the API may show, with everything a serializer reads fetched in a constant number
of queries. Visibility is the pages' own: live public challenge pages, public proposals,
published pilots and offerings, every organisation profile."""

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    Exists,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from cms.models import ChallengePage
from ideas.models import Proposal, TeamMember
from marketplace.models import (
    Feedback,
    Indicator,
    Measurement,
    Milestone,
    Offering,
    Pilot,
    PilotPhoto,
)
from partners.images import with_renditions
from partners.models import Organisation


def visible_challenge_pages():
    return ChallengePage.objects.live().public()


def challenges():
    """One row per challenge: its default-language page, or, for a challenge with no live
    page in the default language, the pages of its other languages."""
    pages = visible_challenge_pages()
    default_page = visible_challenge_pages().filter(
        locale__language_code=settings.LANGUAGE_CODE, translation_key=OuterRef("translation_key")
    )
    return pages.filter(Q(locale__language_code=settings.LANGUAGE_CODE) | ~Exists(default_page))


def challenges_for_list():
    public_count = (
        Proposal.objects.public()
        .filter(challenge=OuterRef("pk"))
        .order_by()
        .values("challenge")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        with_renditions(challenges(), "hero_image")
        .select_related("locale")
        .prefetch_related("customer_groups", "themes")
        .annotate(
            public_proposal_count=Coalesce(
                Subquery(public_count, output_field=IntegerField()), Value(0)
            )
        )
        .order_by("-proposals_open", "-pk")
    )


def proposals():
    return Proposal.objects.public()


def proposals_for_list():
    team = TeamMember.objects.select_related("organisation").order_by("-role", "joined_at", "pk")
    return (
        with_renditions(proposals(), "cover_image")
        .select_related("challenge", "challenge__locale", "lead_organisation")
        .prefetch_related("customer_groups", Prefetch("team", queryset=team))
        .order_by("-submitted_at", "-created_at", "-pk")
    )


def pilots():
    return Pilot.objects.published()


def pilots_for_list():
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-date", "-pk")
    indicators = Indicator.objects.order_by("pk").annotate(
        latest_date=Subquery(latest.values("date")[:1]),
        latest_value=Subquery(latest.values("value")[:1]),
    )
    feedback = (
        Feedback.objects.filter(pilot=OuterRef("pk"), hidden_reason="").order_by().values("pilot")
    )
    photos = with_renditions(PilotPhoto.objects.order_by("sort_order", "pk"), "image")
    return (
        pilots()
        .select_related("proposal")
        .annotate(
            proposal_is_public=Exists(proposals().filter(pk=OuterRef("proposal_id"))),
            feedback_count=Coalesce(
                Subquery(feedback.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
                Value(0),
            ),
            feedback_average=Subquery(
                feedback.annotate(a=Avg("rating")).values("a"), output_field=FloatField()
            ),
        )
        .prefetch_related(
            Prefetch("indicators", queryset=indicators),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
            Prefetch("photos", queryset=photos),
        )
        .order_by("-start_date", "-pk")
    )


def offerings():
    return Offering.objects.published()


def offerings_for_list():
    return (
        with_renditions(offerings(), "image")
        .select_related("pilot", "pilot__procurement")
        .prefetch_related("providers", "customer_groups", "themes")
        .order_by("title", "pk")
    )


def organisations():
    return Organisation.objects.all()


def organisations_for_list():
    return with_renditions(organisations(), "logo").order_by("name", "pk")
