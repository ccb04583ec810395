"""Public filters of the ideas app (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.localize import ItemChoiceFilter, originals
from cms.models import ChallengePage
from partners.models import Capability, City, Organisation

from .models import PartnerCall


class OrganisationToInviteFilter(django_filters.FilterSet):
    """Narrow the directory's organisations a team may invite, by name (works without JS)."""

    q = django_filters.CharFilter(
        field_name="name",
        lookup_expr="icontains",
        label=_("Search the directory by name"),
        max_length=100,
    )

    class Meta:
        model = Organisation
        fields = ["q"]


def _capabilities(request=None):
    return originals(Capability.objects.all())


class PartnerOrganisationFilter(django_filters.FilterSet):
    """The partner search's organisations: by capability, kind, home city and free text."""

    q = django_filters.CharFilter(label=_("Search words"), method="filter_text", max_length=100)
    capability = ItemChoiceFilter(
        label=_("Capability"), field_name="capability_tags", queryset=_capabilities
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("Any")
    )
    city = django_filters.ChoiceFilter(
        label=_("Home city"), choices=City.choices, empty_label=_("Any")
    )

    class Meta:
        model = Organisation
        fields = ["q", "capability", "kind", "city"]

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(capabilities__icontains=word)
            )
        return queryset


class PartnerCallFilter(django_filters.FilterSet):
    """The partner search's open calls: by the capability wanted and the challenge."""

    capability = ItemChoiceFilter(
        label=_("Capability"), field_name="capabilities", queryset=_capabilities
    )
    challenge = ItemChoiceFilter(
        label=_("Challenge"),
        field_name="proposal__challenge",
        queryset=lambda request: originals(ChallengePage.objects.live()),
    )

    class Meta:
        model = PartnerCall
        fields = ["capability", "challenge"]
