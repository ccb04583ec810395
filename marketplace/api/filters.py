"""The filters of every list, as django-filter FilterSets.

A filter given several times (`?theme=a&theme=b`) matches any of its values (OR); different
filters all apply (AND). An empty value (`?theme=`) is no filter. A value outside a filter's
choices is a 400 naming the parameter.
"""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from cms.cities import CITY_CODES
from cms.models import ChallengePage, CustomerGroup, Theme, Unit
from cms.phases import Phase
from ideas.models import Proposal, ProposalStatus
from marketplace.models import Offering, Pilot, PilotOutcome, PilotStage
from marketplace.selectors.cities import offerings_in
from partners.models import City, Organisation

from . import selectors

PUBLIC_PROPOSAL_STATUSES = [
    (value, label)
    for value, label in ProposalStatus.choices
    if value not in (ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN)
]


def without_empty_values(query_params) -> QueryDict:
    """The parameters with every empty value left out: `?theme=` is no filter at all, and
    `?theme=&theme=digital` the same as `?theme=digital`."""
    kept = QueryDict(mutable=True)
    for name, values in query_params.lists():
        values = [value for value in values if value != ""]
        if values:
            kept.setlist(name, values)
    return kept


def _slug_choices(model):
    def choices():
        slugs = model.objects.order_by("slug").values_list("slug", flat=True).distinct()
        return [(slug, slug) for slug in slugs]

    return choices


def _challenge_choices(request):
    return selectors.challenges()


MAX_ID = 2**63 - 1
UNIT_CITY_CHOICES = [(value, label) for value, label in City.choices if value in CITY_CODES]


def unit_filter(unit_path: str, what) -> django_filters.MultipleChoiceFilter:
    """`?unit=<slug>`: the organising unit's slug (the same in every language)."""
    return django_filters.MultipleChoiceFilter(
        field_name=f"{unit_path}__slug", choices=_slug_choices(Unit), distinct=False, help_text=what
    )


def unit_city_filter(unit_path: str, what) -> django_filters.MultipleChoiceFilter:
    """`?city=<code>`: the city of the organising unit."""
    return django_filters.MultipleChoiceFilter(
        field_name=f"{unit_path}__city", choices=UNIT_CITY_CHOICES, distinct=False, help_text=what
    )


class IdMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Ids of visible objects; a value that is no id at all is refused before any query."""

    def _check_values(self, value):
        for item in value:
            text = str(item).strip()
            if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


class IdFilter(django_filters.ModelMultipleChoiceFilter):
    """Ids of visible objects: whole numbers from 1; any other value, or the id of an object
    that is not visible, is a 400."""

    field_class = IdMultipleChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The document's item schema (the filter's own is the model's, unbounded).
        extend_schema_field(
            {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_ID,
                "description": self.extra.get("help_text"),
            }
        )(self)


class TaxonomyFilter(django_filters.MultipleChoiceFilter):
    """Slugs of a translatable snippet (`field_name` is `<relation>__slug`): a value matches
    the snippet in every language."""

    def __init__(self, *args, taxonomy, **kwargs):
        self.taxonomy = taxonomy
        kwargs.setdefault("choices", _slug_choices(taxonomy))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        keys = self.taxonomy.objects.filter(slug__in=value).values("translation_key")
        relation = self.field_name.removesuffix("__slug")
        matching = qs.model.objects.filter(**{f"{relation}__translation_key__in": keys}).values(
            "pk"
        )
        return qs.filter(pk__in=matching)


class ChallengeFilter(django_filters.FilterSet):
    phase = django_filters.MultipleChoiceFilter(
        choices=Phase.choices, method="filter_phase", help_text=_("Phase now (repeatable).")
    )
    customer_group = TaxonomyFilter(
        field_name="customer_groups__slug",
        taxonomy=CustomerGroup,
        help_text=_("Target customer group slug (repeatable)."),
    )
    theme = TaxonomyFilter(
        field_name="themes__slug", taxonomy=Theme, help_text=_("Theme slug (repeatable).")
    )
    unit = unit_filter("unit", _("Organising unit slug (repeatable)."))
    city = unit_city_filter("unit", _("City of the organising unit (repeatable)."))

    class Meta:
        model = ChallengePage
        fields = ["phase", "customer_group", "theme", "unit", "city"]

    def filter_phase(self, qs, name, value):
        if not value:
            return qs
        return qs.in_phase(*value)


class ProposalFilter(django_filters.FilterSet):
    challenge = IdFilter(
        queryset=_challenge_choices, distinct=False, help_text=_("Challenge id (repeatable).")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=PUBLIC_PROPOSAL_STATUSES, distinct=False, help_text=_("Status (repeatable).")
    )
    customer_group = TaxonomyFilter(
        field_name="customer_groups__slug",
        taxonomy=CustomerGroup,
        help_text=_("Customer group served, by slug (repeatable)."),
    )
    organisation_kind = django_filters.MultipleChoiceFilter(
        field_name="lead_organisation__kind",
        choices=Organisation.Kind.choices,
        distinct=False,
        help_text=_("Kind of the lead organisation (repeatable)."),
    )

    class Meta:
        model = Proposal
        fields = ["challenge", "status", "customer_group", "organisation_kind"]


class PilotFilter(django_filters.FilterSet):
    stage = django_filters.MultipleChoiceFilter(
        choices=PilotStage.choices, distinct=False, help_text=_("Stage (repeatable).")
    )
    outcome = django_filters.MultipleChoiceFilter(
        choices=PilotOutcome.choices, distinct=False, help_text=_("Outcome (repeatable).")
    )
    challenge = IdFilter(
        field_name="proposal__challenge",
        queryset=_challenge_choices,
        distinct=False,
        help_text=_("Challenge id (repeatable)."),
    )
    unit = unit_filter("proposal__challenge__unit", _("Organising unit slug (repeatable)."))
    city = unit_city_filter(
        "proposal__challenge__unit", _("City of the organising unit (repeatable).")
    )

    class Meta:
        model = Pilot
        fields = ["stage", "outcome", "challenge", "unit", "city"]


class OfferingFilter(django_filters.FilterSet):
    customer_group = TaxonomyFilter(
        field_name="customer_groups__slug",
        taxonomy=CustomerGroup,
        help_text=_("Customer group slug (repeatable)."),
    )
    theme = TaxonomyFilter(
        field_name="themes__slug", taxonomy=Theme, help_text=_("Theme slug (repeatable).")
    )
    city = django_filters.MultipleChoiceFilter(
        choices=City.choices,
        method="filter_city",
        help_text=_(
            "City where the service is in use (repeatable): listed among its cities, or "
            "piloted by a unit of the city."
        ),
    )
    unit = unit_filter(
        "pilot__proposal__challenge__unit", _("Organising unit that piloted it (repeatable).")
    )
    organisation_kind = django_filters.MultipleChoiceFilter(
        choices=Organisation.Kind.choices,
        method="filter_organisation_kind",
        help_text=_("Kind of any provider (repeatable)."),
    )

    class Meta:
        model = Offering
        fields = ["customer_group", "theme", "city", "unit", "organisation_kind"]

    def filter_city(self, qs, name, value):
        if not value:
            return qs
        # As the city's front door lists them (marketplace.selectors.cities).
        return offerings_in(qs, value)

    def filter_organisation_kind(self, qs, name, value):
        if not value:
            return qs
        matching = Offering.objects.filter(providers__kind__in=value).values("pk")
        return qs.filter(pk__in=matching)


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        choices=Organisation.Kind.choices, distinct=False, help_text=_("Kind (repeatable).")
    )
    city = django_filters.MultipleChoiceFilter(
        choices=City.choices, distinct=False, help_text=_("Home city (repeatable).")
    )

    class Meta:
        model = Organisation
        fields = ["kind", "city"]
