"""What every API serializer shares: absolute addresses, languages of fields and of the
answer, translated text."""

import logging

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.models import ChallengePage
from partners.images import ImageSlot
from partners.models import Organisation

from .languages import LANGUAGE_CODES, Localiser

logger = logging.getLogger(__name__)


PERSON = "person"
EASY_READ_HELP = _(
    "The easy-read summary (selkokieli, lättläst) in the language asked, or the original; "
    "empty when there is none."
)


TEAM_KINDS = [*Organisation.Kind.values, PERSON]


def site_address(path: str) -> str:
    """The absolute address of a path on the site: SITE_URL + the path."""
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


def absolute_url(obj) -> str | None:
    """The absolute address of an object's HTML page: SITE_URL + its path."""
    try:
        if isinstance(obj, ChallengePage):
            parts = obj.get_url_parts()
            path = parts[2] if parts else None
        else:
            path = obj.get_absolute_url()
    except NoReverseMatch:
        logger.exception("No page route for %s %s", type(obj).__name__, obj.pk)
        return None
    return site_address(path) if path else None


def context_localiser(context) -> Localiser:
    localiser = context.get("localiser")
    if localiser is None:
        localiser = context["localiser"] = Localiser(settings.LANGUAGE_CODE)
    return localiser


class LocalisingMixin:
    @property
    def localiser(self) -> Localiser:
        return context_localiser(self.context)


LANGUAGE_SCHEMA = {"type": "string", "enum": LANGUAGE_CODES}


@extend_schema_field(LANGUAGE_SCHEMA, component_name="LanguageCode")
class LanguageField(serializers.ChoiceField):
    """A language code (`fi`, `sv`, `en`): one `LanguageCode` schema in the document."""

    def __init__(self, **kwargs):
        super().__init__(choices=LANGUAGE_CODES, **kwargs)


# --- Languages of plain models (partners.translated) -------------------------------------
class TranslatedField(serializers.CharField):
    """A translated text field of a plain model: its text in the language asked, else the
    original (`Translated.text`)."""

    def get_attribute(self, instance):
        return instance.text(self.source, context_localiser(self.context).language)


class FieldLanguagesSerializer(serializers.Serializer):
    """`{"<field>": "<language>"}`: the language each translated field is shown in. A field
    in another language than the one asked fell back to the original."""

    def to_representation(self, instance):
        language = context_localiser(self.context).language
        sources = self.parent.fields  # the object's TranslatedFields, by the names declared here
        return {
            name: instance.text_language(sources[name].source, language) for name in self.fields
        }


def field_languages(name: str, fields: list[str]) -> FieldLanguagesSerializer:
    """The `field_languages` of an object, with one documented key per translated field."""
    attrs = {field: LanguageField(help_text=_("Language code.")) for field in fields}
    serializer = type(f"{name}FieldLanguagesSerializer", (FieldLanguagesSerializer,), attrs)
    return serializer(
        source="*",
        help_text=_(
            "The language each translated field is in: the language asked, or the original "
            "where there is no translation."
        ),
    )


def original_language_field() -> LanguageField:
    """The language a plain model's text was first written in (`Translated.language`)."""
    return LanguageField(
        source="language", help_text=_("The language the text was first written in.")
    )


class AvailableLanguagesField(serializers.ListField):
    """`Translated.available_languages()`: the original first, then those with a translation."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Languages the text is available in, the original first."))
        super().__init__(child=LanguageField(), **kwargs)


# --- Images ------------------------------------------------------------------------------
API_RENDITION = "max-1200x1200"


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField(help_text=_("A copy at most 1,200 pixels wide and high."))
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt = serializers.CharField(
        allow_blank=True,
        help_text=_("Alternative text in the language asked; empty for a decorative image."),
    )
    decorative = serializers.BooleanField(help_text=_("Only decoration, with no text."))


def image_data(obj, slot: ImageSlot, language: str) -> dict | None:
    """What the API says of an object's image (partners.images), or None if it has none."""
    image = getattr(obj, slot.image)
    if image is None:
        return None
    rendition = image.get_rendition(API_RENDITION)
    decorative = bool(getattr(obj, slot.decorative))
    alt = ""
    if not decorative:
        alt = (
            obj.text(slot.alt, language)
            if slot.alt in getattr(obj, "translated_fields", ())
            else getattr(obj, slot.alt)
        )
    return {
        "url": site_address(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": alt,
        "decorative": decorative,
    }


@extend_schema_field(ImageSerializer(allow_null=True))
class ImageField(serializers.Field):
    """An object's image with its alternative text, or null."""

    def __init__(self, slot: ImageSlot, **kwargs):
        self.slot = slot
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return image_data(obj, self.slot, context_localiser(self.context).language)
