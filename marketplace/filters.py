"""django-filter FilterSets for the public pilot and offering lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cms.localize import ItemChoiceFilter, originals
from cms.models import ChallengePage, CustomerGroup, Theme
from partners.models import City, Language, Organisation

from .models import Offering, Pilot, PilotOutcome, PilotStage


class PilotFilter(django_filters.FilterSet):
    stage = django_filters.ChoiceFilter(
        choices=PilotStage.choices, label=_("Stage"), empty_label=_("Any")
    )
    outcome = django_filters.ChoiceFilter(
        choices=PilotOutcome.choices, label=_("Outcome"), empty_label=_("Any")
    )
    challenge = ItemChoiceFilter(
        field_name="proposal__challenge",
        queryset=lambda request: originals(ChallengePage.objects.live().public()),
        label=_("Challenge"),
        empty_label=_("Any"),
    )

    class Meta:
        model = Pilot
        fields = ["stage", "outcome", "challenge"]


class OfferingFilter(django_filters.FilterSet):
    customer_group = ItemChoiceFilter(
        field_name="customer_groups",
        queryset=lambda request: originals(CustomerGroup.objects.all()),
        label=_("Customer group"),
        empty_label=_("Any"),
    )
    theme = ItemChoiceFilter(
        field_name="themes",
        queryset=lambda request: originals(Theme.objects.all()),
        label=_("Theme"),
        empty_label=_("Any"),
    )
    city = django_filters.ChoiceFilter(
        choices=City.choices, method="filter_city", label=_("City"), empty_label=_("Any")
    )
    language = django_filters.ChoiceFilter(
        choices=Language.choices,
        method="filter_language",
        label=_("Language"),
        empty_label=_("Any"),
    )
    organisation_kind = django_filters.ChoiceFilter(
        field_name="providers__kind",
        choices=Organisation.Kind.choices,
        label=_("Provider kind"),
        empty_label=_("Any"),
    )

    class Meta:
        model = Offering
        fields = ["customer_group", "theme", "city", "language", "organisation_kind"]

    def _json_contains(self, queryset, field, value):
        # JSON lists of short codes; a portable containment test (SQLite has no JSON contains).
        return queryset.filter(**{f"{field}__icontains": f'"{value}"'})

    def filter_city(self, queryset, name, value):
        return self._json_contains(queryset, "cities", value)

    def filter_language(self, queryset, name, value):
        return self._json_contains(queryset, "languages", value)

    @property
    def qs(self):
        return super().qs.distinct()
