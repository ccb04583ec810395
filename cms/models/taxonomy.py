"""Customer groups and themes: translatable snippets that challenges, proposals and offerings
are tagged with."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField


class CustomerGroup(TranslatableMixin, models.Model):
    """A group of the museum's customers, e.g. seniors or schools."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    needs = models.TextField(_("needs"), blank=True, help_text=_("What this group needs."))

    # The slug names the group in every language (the challenge filter's ?group=): copied from
    # the original, never translated (wagtail-localize).
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("customer group")
        verbose_name_plural = _("customer groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="customergroup_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="theme_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name
