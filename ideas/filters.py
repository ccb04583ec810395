"""Public filters of the ideas app (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation


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
