"""Organising units: the city departments and institutions that publish challenges (a museum,
a library service). A translatable snippet: staff translate it side by side like the other
snippets; the slug, city, contacts, colour and logo are the same in every language.

Per-unit staff (an auth group of the unit's own staff) will hang off this model later.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from cms.cities import city as city_names
from cms.colours import HEX_COLOUR, contrast_with_white
from cms.forms import UnitForm
from partners.images import ALT_REQUIRED, ImageSlot, alt_for, image_fields
from partners.models import City

LOGO_SLOT = ImageSlot.named("logo")
UNIT_CITIES = [(value, label) for value, label in City.choices if value != City.OTHER]


def colour_error(colour: str):
    """The message for a brand colour that does not reach WCAG AA with white, else None."""
    if not colour or not HEX_COLOUR.match(colour):
        return None
    ok, ratio = contrast_with_white(colour)
    if ok:
        return None
    return _(
        "This colour is too light: white text on it and text in it on a white background need "
        "a contrast of at least 4.5:1, and it gives %(ratio)s:1. Choose a darker shade."
    ) % {"ratio": number_format(ratio, 2)}


class Unit(TranslatableMixin, models.Model):
    """A city unit that owns challenges, e.g. Espoo City Museum."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=100)
    city = models.CharField(_("city"), max_length=20, choices=UNIT_CITIES)
    description = models.TextField(
        _("short description"), max_length=600, blank=True, help_text=_("One or two sentences.")
    )
    email = models.EmailField(_("contact e-mail"))
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo, logo_alt, logo_decorative = image_fields(_("logo"))
    colour = models.CharField(
        _("brand colour"),
        max_length=7,
        default="#00566b",
        validators=[RegexValidator(HEX_COLOUR, _("Enter a colour as #rrggbb, e.g. #00566b."))],
        help_text=_(
            "A hex colour such as #00566b for the unit's accent. White text on it and text in "
            "it on white must reach a contrast of 4.5:1."
        ),
    )

    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "slug",
            "city",
            "email",
            "phone",
            "website",
            "logo",
            "logo_decorative",
            "colour",
        )
    ]

    base_form_class = UnitForm

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organising unit")
        verbose_name_plural = _("organising units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unit_unique_slug"),
            LOGO_SLOT.constraint("unit_logo_described_or_decorative"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        message = colour_error(self.colour)
        if message:
            errors["colour"] = message
        if LOGO_SLOT.needs_alt(
            has_image=self.logo_id, alt=self.logo_alt, decorative=self.logo_decorative
        ):
            errors["logo_alt"] = ALT_REQUIRED
        if errors:
            raise ValidationError(errors)

    @property
    def logo_alt_text(self) -> str:
        return alt_for(self, LOGO_SLOT)

    @property
    def city_name(self) -> str:
        names = city_names(self.city)
        return names.name() if names else self.get_city_display()

    @property
    def city_slug(self) -> str:
        names = city_names(self.city)
        return names.slug() if names else ""
