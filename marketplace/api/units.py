"""Organising units and cities in API v1 (docs/units-and-cities.md): who publishes the
challenges, and the cities Tori serves with their names and front-door slugs per language."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from cms.cities import CITIES
from cms.localize import originals
from cms.models import Unit
from cms.models.units import LOGO_SLOT
from cms.selectors import unit_counts_by_city
from partners.images import with_renditions

from .fields import ImageSerializer, LanguageField, LocalisingMixin, image_data, site_address
from .views import ERROR_RESPONSES, LANGUAGE_PARAMETERS, MAX_ID, ApiReadOnlyViewSet

TEXT_HELP = _("In the language asked, or the original.")
LANGUAGES = ("fi", "sv", "en")


def units_for_list():
    """One row per unit (its default-language copy), by slug, with its logo."""
    rows = originals(Unit.objects.all()).select_related("locale").order_by("slug", "pk")
    return with_renditions(rows, "logo")


def front_door_url(code: str, language: str) -> str:
    with translation.override(language):
        return site_address(reverse("marketplace:city", args=[CITIES[code].slug(language)]))


class UnitSerializer(LocalisingMixin, serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The unit's id; the detail also takes its slug."))
    slug = serializers.SlugField(help_text=_("Stable identifier, the same in every language."))
    name = serializers.CharField(help_text=TEXT_HELP)
    description = serializers.CharField(allow_blank=True, help_text=TEXT_HELP)
    language = LanguageField(help_text=_("The language of the texts."))
    city = serializers.CharField(help_text=_("The unit's city (a code of /api/v1/cities/)."))
    city_url = serializers.URLField(help_text=_("The city's front door, in the language asked."))
    email = serializers.EmailField(help_text=_("Contact e-mail address."))
    phone = serializers.CharField(allow_blank=True, help_text=_("Contact phone, or empty."))
    website = serializers.CharField(allow_blank=True, help_text=_("Website, or empty."))
    colour = serializers.CharField(
        help_text=_("Brand colour #rrggbb; white text on it reaches 4.5:1 (WCAG AA).")
    )
    logo = ImageSerializer(allow_null=True)

    def to_representation(self, instance):
        shown = self.localiser.snippet(instance)
        language = self.localiser.language
        logo = image_data(instance, LOGO_SLOT, language)
        if logo is not None and not logo["decorative"]:
            logo["alt"] = shown.logo_alt or instance.logo_alt
        return {
            "id": instance.pk,
            "slug": instance.slug,
            "name": shown.name,
            "description": shown.description,
            "language": self.localiser.language_of(shown),
            "city": instance.city,
            "city_url": front_door_url(instance.city, language),
            "email": instance.email,
            "phone": instance.phone,
            "website": instance.website,
            "colour": instance.colour,
            "logo": logo,
        }


ID_OR_SLUG = OpenApiParameter(
    "id",
    {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
    location=OpenApiParameter.PATH,
    description=_("The unit's id or its slug."),
)


@extend_schema(tags=["units"], parameters=LANGUAGE_PARAMETERS)
class UnitViewSet(ApiReadOnlyViewSet):
    queryset = Unit.objects.none()  # for the schema's model lookups only
    serializer_class = UnitSerializer
    list_queryset = staticmethod(units_for_list)
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    @extend_schema(
        summary=_("List organising units"),
        responses={200: UnitSerializer(many=True), **ERROR_RESPONSES},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("One organising unit, by id or slug"),
        parameters=[ID_OR_SLUG],
        responses={200: UnitSerializer, **ERROR_RESPONSES},
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_object(self):
        """The unit by the id of any of its language copies, or by its slug."""
        value = self.kwargs["pk"]
        if value.isdigit():
            if int(value) > MAX_ID:
                raise Http404
            key = Unit.objects.filter(pk=int(value)).values("translation_key")[:1]
            return get_object_or_404(self.get_queryset(), translation_key__in=key)
        return get_object_or_404(self.get_queryset(), slug=value)


class CityTextsSerializer(serializers.Serializer):
    fi = serializers.CharField()
    sv = serializers.CharField()
    en = serializers.CharField()


class CitySerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("The city's code, as in the `city` filters."))
    name = serializers.CharField(help_text=_("The city's name in the language asked."))
    names = CityTextsSerializer(help_text=_("The city's name in each language."))
    slugs = CityTextsSerializer(help_text=_("The front door's slug in each language."))
    url = serializers.URLField(help_text=_("The city's front door, in the language asked."))
    unit_count = serializers.IntegerField(min_value=0, help_text=_("Organising units."))

    def to_representation(self, city):
        language = self.context["language"]
        return {
            "code": city.code,
            "name": city.name(language),
            "names": dict(city.names),
            "slugs": dict(city.slugs),
            "url": front_door_url(city.code, language),
            "unit_count": self.context["counts"].get(city.code, 0),
        }


CODE = OpenApiParameter(
    "code",
    {"type": "string", "enum": list(CITIES)},
    location=OpenApiParameter.PATH,
    description=_("The city's code."),
)


@extend_schema(tags=["cities"], parameters=LANGUAGE_PARAMETERS)
class CityViewSet(ApiReadOnlyViewSet):
    """The fixed list of cities, in the list's order (one page)."""

    serializer_class = CitySerializer
    list_queryset = staticmethod(lambda: list(CITIES.values()))
    lookup_field = "code"
    lookup_url_kwarg = "code"
    lookup_value_regex = r"[a-z]+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # The schema generator asks for a model; the cities are a fixed list, not rows
            # (the `code` path parameter is declared on `retrieve`).
            return Unit.objects.none()
        return type(self).list_queryset()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context.update(language=self.language, counts=unit_counts_by_city())
        return context

    @extend_schema(
        summary=_("List cities"), responses={200: CitySerializer(many=True), **ERROR_RESPONSES}
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("One city, by code"),
        parameters=[CODE],
        responses={200: CitySerializer, **ERROR_RESPONSES},
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_object(self):
        city = CITIES.get(self.kwargs["code"])
        if city is None:
            raise Http404
        return city
