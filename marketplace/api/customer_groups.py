"""The customer groups of API v1: who each group is, what it needs, how it takes part, and how
many public challenges, proposals, pilots and offerings serve it. A group is described, never
its members: no per-person data is read here."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from cms.localize import originals
from cms.models import CustomerGroup
from marketplace.selectors import customer_groups as group_selectors

from .fields import LanguageField, LocalisingMixin, site_address
from .views import ERROR_RESPONSES, LANGUAGE_PARAMETERS, MAX_ID, ApiReadOnlyViewSet

TEXT_HELP = _("In the language asked, or the original.")


def customer_groups_for_list():
    """One row per group (its default-language copy), by slug: the same order in every
    language."""
    return originals(CustomerGroup.objects.all()).select_related("locale").order_by("slug", "pk")


class ServedSerializer(serializers.Serializer):
    challenges = serializers.IntegerField(min_value=0, help_text=_("Published public challenges."))
    proposals = serializers.IntegerField(min_value=0, help_text=_("Public proposals."))
    pilots = serializers.IntegerField(min_value=0, help_text=_("Published pilots."))
    offerings = serializers.IntegerField(min_value=0, help_text=_("Published offerings."))


class CustomerGroupLinksSerializer(serializers.Serializer):
    challenges = serializers.URLField(help_text=_("The challenges for the group, in this API."))
    proposals = serializers.URLField(help_text=_("The proposals serving it, in this API."))
    offerings = serializers.URLField(help_text=_("The offerings serving it, in this API."))


class CustomerGroupSerializer(LocalisingMixin, serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The group's id; the detail also takes its slug."))
    slug = serializers.SlugField(help_text=_("Stable identifier, the same in every language."))
    url = serializers.URLField(help_text=_("The group's profile page, in the language asked."))
    name = serializers.CharField(help_text=TEXT_HELP)
    description = serializers.CharField(allow_blank=True, help_text=TEXT_HELP)
    needs = serializers.CharField(allow_blank=True, help_text=TEXT_HELP)
    channels = serializers.CharField(
        allow_blank=True, help_text=_("How the group prefers to take part and give feedback.")
    )
    barriers = serializers.CharField(
        allow_blank=True, help_text=_("What makes it hard for the group to take part.")
    )
    language = LanguageField(help_text=_("The language of the texts."))
    sensitive = serializers.BooleanField(
        help_text=_("Belonging to the group reveals health or disability.")
    )
    served = ServedSerializer(help_text=_("How many public items serve the group."))
    links = CustomerGroupLinksSerializer()

    def to_representation(self, instance):
        shown = self.localiser.snippet(instance)
        slug = self.localiser.canonical_snippet(instance).slug
        counts = self.context.get("served_counts", {}).get(str(instance.translation_key), {})
        query = f"?customer_group={slug}"
        return {
            "id": instance.pk,
            "slug": slug,
            "url": site_address(reverse("marketplace:customer-group-detail", args=[slug])),
            "name": shown.name,
            "description": shown.description,
            "needs": shown.needs,
            "channels": shown.channels,
            "barriers": shown.barriers,
            "language": self.localiser.language_of(shown),
            "sensitive": instance.sensitive,
            "served": {kind: counts.get(kind, 0) for kind in group_selectors.KINDS},
            "links": {
                kind: site_address(reverse(f"api:{kind[:-1]}-list")) + query
                for kind in ("challenges", "proposals", "offerings")
            },
        }


ID_OR_SLUG = OpenApiParameter(
    "id",
    {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
    location=OpenApiParameter.PATH,
    description=_("The group's id or its slug."),
)


@extend_schema(tags=["customer groups"], parameters=LANGUAGE_PARAMETERS)
class CustomerGroupViewSet(ApiReadOnlyViewSet):
    queryset = CustomerGroup.objects.none()  # for the schema's model lookups only
    serializer_class = CustomerGroupSerializer
    list_queryset = staticmethod(customer_groups_for_list)
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    @extend_schema(
        summary=_("List customer groups"),
        responses={200: CustomerGroupSerializer(many=True), **ERROR_RESPONSES},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("One customer group, by id or slug"),
        parameters=[ID_OR_SLUG],
        responses={200: CustomerGroupSerializer, **ERROR_RESPONSES},
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_object(self):
        """The group by the id of any of its language copies, or by its slug."""
        value = self.kwargs["pk"]
        if value.isdigit():
            if int(value) > MAX_ID:
                raise Http404
            key = CustomerGroup.objects.filter(pk=int(value)).values("translation_key")[:1]
            return get_object_or_404(self.get_queryset(), translation_key__in=key)
        return get_object_or_404(self.get_queryset(), slug=value)

    def get_serializer(self, *args, **kwargs):
        """The counts of what serves the groups shown: a fixed number of queries a page."""
        kwargs["context"] = self.get_serializer_context()
        if args and not getattr(self, "swagger_fake_view", False):
            groups = list(args[0]) if kwargs.get("many") else [args[0]]
            kwargs["context"]["served_counts"] = group_selectors.served_counts(groups)
        return super().get_serializer(*args, **kwargs)
