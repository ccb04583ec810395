"""The objects of API v1 (docs/api.md). Fields are only ever added, never changed.

Serializers only read what the selectors fetched: no query per row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.models.challenges import HERO_SLOT
from cms.phases import Phase
from ideas.models import COVER_SLOT
from marketplace.models import PilotOutcome, PilotStage, PriceModel
from marketplace.models.offerings import IMAGE_SLOT
from marketplace.models.pilots import PHOTO_SLOT
from partners.models import LOGO_SLOT, City, Language, Organisation

from .fields import (
    EASY_READ_HELP,
    PERSON,
    TEAM_KINDS,
    AvailableLanguagesField,
    ImageField,
    ImageSerializer,
    LanguageField,
    LocalisingMixin,
    TranslatedField,
    absolute_url,
    context_localiser,
    field_languages,
    image_data,
    original_language_field,
)
from .filters import PUBLIC_PROPOSAL_STATUSES
from .procurement import OfferingProcurementField


# --- Errors -----------------------------------------------------------------------------
class ErrorSerializer(serializers.Serializer):
    """`{"errors": {"<parameter>": ["<message>"]}}`; 404, 405 and 429 use the key `detail`."""

    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Messages keyed by the parameter at fault, or `detail`."),
    )


# --- Pieces -----------------------------------------------------------------------------
class TaxonomyListSerializer(serializers.ListSerializer):
    """Each customer group or theme once: an object tagged with several language copies of
    one item (one `translation_key`) lists it once."""

    def to_representation(self, data):
        items = data.all() if isinstance(data, models.manager.BaseManager) else data
        seen: set = set()
        unique = []
        for item in items:
            if item.translation_key not in seen:
                seen.add(item.translation_key)
                unique.append(item)
        return [self.child.to_representation(item) for item in unique]


class TaxonomySerializer(LocalisingMixin, serializers.Serializer):
    slug = serializers.SlugField(help_text=_("Stable identifier, the same in every language."))
    name = serializers.CharField(help_text=_("Name in the language asked, or the original."))
    language = LanguageField(help_text=_("The language of the name."))

    class Meta:
        list_serializer_class = TaxonomyListSerializer

    def to_representation(self, instance):
        shown = self.localiser.snippet(instance)
        return {
            "slug": self.localiser.canonical_snippet(instance).slug,
            "name": shown.name,
            "language": self.localiser.language_of(shown),
        }


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Organisation.Kind.choices)


class TeamMemberSerializer(serializers.Serializer):
    """An organisation on the team, or a person: a person's name is never published."""

    name = serializers.SerializerMethodField(
        help_text=_("The organisation's name; null for a person.")
    )
    kind = serializers.SerializerMethodField(help_text=_("The organisation's kind, or `person`."))

    def get_name(self, obj) -> str | None:
        return obj.organisation.name if obj.organisation_id else None

    @extend_schema_field({"type": "string", "enum": TEAM_KINDS})
    def get_kind(self, obj) -> str:
        return obj.organisation.kind if obj.organisation_id else PERSON


class ChallengeRefSerializer(LocalisingMixin, serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.SerializerMethodField(
        help_text=_("In the language asked, or the original.")
    )
    language = serializers.SerializerMethodField(help_text=_("The language of the title."))

    def get_title(self, obj) -> str:
        return self.localiser.page(obj).title

    @extend_schema_field(LanguageField)
    def get_language(self, obj) -> str:
        return self.localiser.language_of(self.localiser.page(obj))


class ScheduleSerializer(serializers.Serializer):
    proposals_open = serializers.DateTimeField()
    proposals_close = serializers.DateTimeField()
    voting_open = serializers.DateTimeField(allow_null=True)
    voting_close = serializers.DateTimeField(allow_null=True)
    evaluation_end = serializers.DateTimeField()
    pilots_end = serializers.DateTimeField()


class LatestMeasurementSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)


class IndicatorSerializer(serializers.Serializer):
    name = TranslatedField()
    unit = TranslatedField()
    baseline = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)
    target = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)
    latest = serializers.SerializerMethodField(help_text=_("The most recent measurement, or null."))

    @extend_schema_field(LatestMeasurementSerializer(allow_null=True))
    def get_latest(self, obj):
        if obj.latest_date is None:
            return None
        return LatestMeasurementSerializer(
            {"date": obj.latest_date, "value": obj.latest_value}
        ).data

    original_language = original_language_field()
    available_languages = AvailableLanguagesField()
    field_languages = field_languages("Indicator", ["name", "unit"])


class MilestoneSerializer(serializers.Serializer):
    title = TranslatedField()
    due_date = serializers.DateField()
    done_date = serializers.DateField(allow_null=True, help_text=_("Null while it is open."))
    original_language = original_language_field()
    available_languages = AvailableLanguagesField()
    field_languages = field_languages("Milestone", ["title"])


class FeedbackSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=0, help_text=_("Residents' ratings shown."))
    average = serializers.FloatField(
        allow_null=True, help_text=_("Mean rating 1–5, null without any.")
    )


# --- Objects ----------------------------------------------------------------------------
class ChallengeFieldLanguagesSerializer(LocalisingMixin, serializers.Serializer):
    title = LanguageField(help_text=_("Language code."))
    summary = LanguageField(help_text=_("Language code."))
    easy_read_summary = LanguageField(help_text=_("Language code."))

    def to_representation(self, instance):
        language = self.localiser.language_of(self.localiser.page(instance))
        return {"title": language, "summary": language, "easy_read_summary": language}


class ChallengeSerializer(LocalisingMixin, serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.SerializerMethodField(
        help_text=_("In the language asked, or the original.")
    )
    url = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField(
        help_text=_("In the language asked, or the original.")
    )
    easy_read_summary = serializers.SerializerMethodField(help_text=EASY_READ_HELP)
    owner = serializers.CharField(source="owner_unit", help_text=_("The publishing city unit."))
    phase = serializers.ChoiceField(
        choices=Phase.choices, help_text=_("Derived from the schedule, now.")
    )
    schedule = ScheduleSerializer(source="*")
    customer_groups = TaxonomySerializer(many=True)
    themes = TaxonomySerializer(many=True)
    budget_eur = serializers.IntegerField(allow_null=True)
    public_proposal_count = serializers.IntegerField(min_value=0)
    original_language = serializers.SerializerMethodField(
        help_text=_("The language of the page the challenge is listed under.")
    )
    available_languages = serializers.SerializerMethodField(
        help_text=_("Languages the challenge is published in, the original first.")
    )
    hero_image = serializers.SerializerMethodField(help_text=_("The hero image, or null."))
    field_languages = ChallengeFieldLanguagesSerializer(
        source="*",
        help_text=_(
            "The language each translated field is in: the language asked, or the original "
            "where there is no translation."
        ),
    )

    @extend_schema_field(LanguageField)
    def get_original_language(self, obj) -> str:
        return self.localiser.language_of(obj)

    @extend_schema_field(serializers.ListField(child=LanguageField()))
    def get_available_languages(self, obj) -> list[str]:
        return self.localiser.page_languages(obj)

    def get_title(self, obj) -> str:
        return self.localiser.page(obj).title

    def get_summary(self, obj) -> str:
        return self.localiser.page(obj).summary

    def get_easy_read_summary(self, obj) -> str:
        return self.localiser.page(obj).easy_read_summary

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_hero_image(self, obj):
        """The original's image (prefetched); the alternative text of the page asked."""
        data = image_data(obj, HERO_SLOT, self.localiser.language)
        if data and not data["decorative"]:
            data["alt"] = self.localiser.page(obj).hero_image_alt or obj.hero_image_alt
        return data

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return absolute_url(self.localiser.page(obj))


class ProposalSerializer(LocalisingMixin, serializers.Serializer):
    id = serializers.IntegerField()
    title = TranslatedField(help_text=_("In the language asked, or the original."))
    url = serializers.SerializerMethodField()
    challenge = ChallengeRefSerializer()
    summary = TranslatedField(help_text=_("In the language asked, or the original."))
    status = serializers.ChoiceField(choices=PUBLIC_PROPOSAL_STATUSES)
    customer_groups = TaxonomySerializer(many=True)
    lead_organisation = OrganisationRefSerializer(allow_null=True)
    team = TeamMemberSerializer(many=True)
    vote_count = serializers.SerializerMethodField(
        help_text=_("Residents' votes; null while voting is open on a challenge that hides counts.")
    )
    submitted_at = serializers.DateTimeField(allow_null=True)
    language = serializers.ChoiceField(
        choices=Language.choices, help_text=_("The language the team wrote the proposal in.")
    )
    original_language = original_language_field()
    available_languages = AvailableLanguagesField()
    field_languages = field_languages("Proposal", ["title", "summary"])
    cover_image = ImageField(COVER_SLOT, help_text=_("The team's cover image, or null."))

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return absolute_url(obj)

    @extend_schema_field({"type": "integer", "minimum": 0, "nullable": True})
    def get_vote_count(self, obj):
        challenge = obj.challenge
        if challenge.phase == Phase.VOTING and not challenge.show_vote_counts_while_voting:
            return None
        return obj.vote_count


class PilotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = TranslatedField(help_text=_("In the language asked, or the original."))
    url = serializers.SerializerMethodField()
    proposal = serializers.SerializerMethodField(
        help_text=_("The proposal's id, or null when it is confidential.")
    )
    challenge = serializers.IntegerField(
        source="proposal.challenge_id", help_text=_("The challenge's id.")
    )
    summary = TranslatedField(
        source="public_summary", help_text=_("In the language asked, or the original.")
    )
    easy_read_summary = TranslatedField(allow_blank=True, help_text=EASY_READ_HELP)
    stage = serializers.ChoiceField(choices=PilotStage.choices)
    outcome = serializers.ChoiceField(
        choices=PilotOutcome.choices,
        allow_null=True,
        help_text=_("Set once the pilot is completed."),
    )
    venue = TranslatedField(help_text=_("In the language asked, or the original."))
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    indicators = IndicatorSerializer(many=True)
    milestones = MilestoneSerializer(many=True)
    feedback = serializers.SerializerMethodField()
    original_language = original_language_field()
    available_languages = AvailableLanguagesField()
    field_languages = field_languages("Pilot", ["title", "summary", "easy_read_summary", "venue"])
    photos = serializers.SerializerMethodField(help_text=_("The pilot's photos, in order."))

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return absolute_url(obj)

    @extend_schema_field(ImageSerializer(many=True))
    def get_photos(self, obj):
        language = context_localiser(self.context).language
        return [image_data(photo, PHOTO_SLOT, language) for photo in obj.photos.all()]

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_proposal(self, obj):
        return obj.proposal_id if obj.proposal_is_public else None

    @extend_schema_field(FeedbackSummarySerializer)
    def get_feedback(self, obj):
        average = None if obj.feedback_average is None else round(obj.feedback_average, 2)
        return {"count": obj.feedback_count, "average": average}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["outcome"] = data["outcome"] or None
        return data


class OfferingSerializer(LocalisingMixin, serializers.Serializer):
    id = serializers.IntegerField()
    title = TranslatedField(help_text=_("In the language asked, or the original."))
    url = serializers.SerializerMethodField()
    summary = TranslatedField(help_text=_("In the language asked, or the original."))
    description = TranslatedField(
        allow_blank=True, help_text=_("In the language asked, or the original.")
    )
    easy_read_summary = TranslatedField(allow_blank=True, help_text=EASY_READ_HELP)
    providers = OrganisationRefSerializer(many=True)
    customer_groups = TaxonomySerializer(many=True)
    themes = TaxonomySerializer(many=True)
    cities = serializers.ListField(child=serializers.CharField(), help_text=_("City codes."))
    languages = serializers.ListField(
        child=serializers.CharField(), help_text=_("Languages the service is provided in.")
    )
    price_model = serializers.ChoiceField(choices=PriceModel.choices)
    pilot = serializers.SerializerMethodField(
        help_text=_("The pilot's id, or null when it is not published.")
    )
    original_language = original_language_field()
    available_languages = AvailableLanguagesField()
    field_languages = field_languages(
        "Offering", ["title", "summary", "description", "easy_read_summary"]
    )
    image = ImageField(IMAGE_SLOT, help_text=_("The offering's image, or null."))
    procurement = OfferingProcurementField(
        help_text=_("How the city buys the service after an adopted pilot, or null.")
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return absolute_url(obj)

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_pilot(self, obj):
        return obj.pilot_id if obj.pilot_id and obj.pilot.published else None


class OrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=Organisation.Kind.choices)
    city = serializers.ChoiceField(choices=City.choices, help_text=_("Home city."))
    website = serializers.SerializerMethodField(help_text=_("The organisation's website, or null."))
    verified = serializers.BooleanField(help_text=_("Checked by staff."))
    description = TranslatedField(
        allow_blank=True, help_text=_("In the language asked, or the original.")
    )
    capabilities = TranslatedField(
        allow_blank=True, help_text=_("What the organisation can offer, in the language asked.")
    )
    original_language = original_language_field()
    available_languages = AvailableLanguagesField()
    field_languages = field_languages("Organisation", ["description", "capabilities"])
    logo = ImageField(LOGO_SLOT, help_text=_("The organisation's logo, or null."))

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return absolute_url(obj)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_website(self, obj):
        return obj.website or None
