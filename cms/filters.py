"""The challenge listing's filters: several values per filter are OR-ed, filters are AND-ed."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ChallengePage, CustomerGroup, Theme
from .phases import Phase
from .selectors import taxonomy_choices


def customer_group_choices():
    return taxonomy_choices(CustomerGroup)


def theme_choices():
    return taxonomy_choices(Theme)


class ChallengeFilter(django_filters.FilterSet):
    phase = django_filters.MultipleChoiceFilter(
        label=_("Phase"),
        choices=Phase.choices,
        widget=forms.CheckboxSelectMultiple,
        method="filter_phase",
    )
    group = django_filters.MultipleChoiceFilter(
        label=_("Customer group"),
        choices=customer_group_choices,
        widget=forms.CheckboxSelectMultiple,
        method="filter_group",
    )
    theme = django_filters.MultipleChoiceFilter(
        label=_("Theme"),
        choices=theme_choices,
        widget=forms.CheckboxSelectMultiple,
        method="filter_theme",
    )

    class Meta:
        model = ChallengePage
        fields: list[str] = []

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()

    def filter_phase(self, queryset, name, value):
        # The phase is computed from the schedule: the same conditions as phases.phase_at.
        return queryset.in_phase(*value, now=self.now) if value else queryset

    def filter_group(self, queryset, name, value):
        if not value:
            return queryset
        # By translation key, so a translated page tagged with the original snippet matches too.
        keys = CustomerGroup.objects.filter(slug__in=value).values("translation_key")
        tagged = ChallengePage.objects.filter(customer_groups__translation_key__in=keys)
        return queryset.filter(pk__in=tagged.values("pk"))

    def filter_theme(self, queryset, name, value):
        if not value:
            return queryset
        keys = Theme.objects.filter(slug__in=value).values("translation_key")
        tagged = ChallengePage.objects.filter(themes__translation_key__in=keys)
        return queryset.filter(pk__in=tagged.values("pk"))
