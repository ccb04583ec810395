import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import City, Organisation


class OrganisationDirectoryFilter(django_filters.FilterSet):
    """Several values per filter: OR inside a filter, AND across filters."""

    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    city = django_filters.MultipleChoiceFilter(
        label=_("Home city"), choices=City.choices, widget=forms.CheckboxSelectMultiple
    )
    verified = django_filters.BooleanFilter(
        label=_("Verified by staff only"),
        widget=forms.CheckboxInput,
        method="filter_verified",
    )

    class Meta:
        model = Organisation
        fields = ["kind", "city", "verified"]

    def filter_verified(self, queryset, name, value):
        return queryset.filter(verified=True) if value else queryset


class OrganisationAdminFilter(django_filters.FilterSet):
    class Meta:
        model = Organisation
        fields = ["kind", "city", "verified"]
