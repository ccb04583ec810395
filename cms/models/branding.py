"""Site branding (Wagtail settings → Site branding): an optional logo and the main colour.

The colour must keep the site readable: white text on it (buttons, the header's accents) and
links in it on white need WCAG AA contrast, 4.5:1. The site serves it as a small stylesheet of
CSS custom properties (see marketplace.site.branding), so no inline style is needed under the
Content Security Policy.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cms.colours import AA_TEXT, HEX_COLOUR, WHITE, contrast_ratio


@register_setting(icon="image")
class SiteBranding(BaseSiteSetting):
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the page header instead of the Tori logo, 40 pixels high."),
    )
    logo_alt = models.CharField(
        _("logo text alternative"),
        max_length=120,
        blank=True,
        help_text=_("What the logo says, e.g. the organisation's name. Required with a logo."),
    )
    main_colour = models.CharField(
        _("main colour"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(HEX_COLOUR, _("Enter a colour as #rrggbb, e.g. #00566b."))],
        help_text=_(
            "A hex colour such as #00566b for the header accent, buttons and links. "
            "Leave empty for Tori's own colour. It must be dark enough for white text."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = ["logo", "logo_alt", "main_colour"]

    class Meta:
        verbose_name = _("site branding")

    def clean(self):
        super().clean()
        errors = {}
        if self.logo_id and not self.logo_alt.strip():
            errors["logo_alt"] = _("Write a text alternative for the logo.")
        if self.main_colour and HEX_COLOUR.match(self.main_colour):
            ratio = contrast_ratio(self.main_colour, WHITE)
            if ratio < AA_TEXT:
                errors["main_colour"] = _(
                    "This colour is too light: white text on it and links in it on a white "
                    "background need a contrast of at least 4.5:1, and it gives %(ratio)s:1. "
                    "Choose a darker shade."
                ) % {"ratio": number_format(ratio, 2)}
        if errors:
            raise ValidationError(errors)
