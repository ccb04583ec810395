"""Customer groups and themes: translatable snippets that challenges, proposals and offerings
are tagged with."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail_localize.fields import SynchronizedField

from partners.models import ListItem


class CustomerGroup(ListItem):
    """A group of the museum's customers, e.g. seniors or schools."""

    needs = models.TextField(_("needs"), blank=True, help_text=_("What this group needs."))
    channels = models.TextField(
        _("preferred channels"),
        blank=True,
        help_text=_("How people in this group prefer to take part and give feedback."),
    )
    barriers = models.TextField(
        _("barriers"), blank=True, help_text=_("What makes it hard for them to take part.")
    )
    # Belonging to it would reveal health or disability: asked only with explicit consent,
    # never shown per person, only in suppressed totals.
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_(
            "Belonging to this group reveals health or disability: residents are asked only "
            "with their explicit consent, and it is never shown per person."
        ),
    )

    # The slug names the group in every language (the challenge filter's ?group=), and whether
    # it is sensitive holds in every language too.
    override_translatable_fields = [
        *ListItem.override_translatable_fields,
        SynchronizedField("sensitive", overridable=False),
    ]

    class Meta(ListItem.Meta):
        verbose_name = _("customer group")
        verbose_name_plural = _("customer groups")


class Theme(ListItem):
    class Meta(ListItem.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class CustomerGroupMembership(models.Model):
    """A resident's own statement that they belong to a customer group (the original-language
    item), with their consent: optional, changeable and removable at any time. Only counted
    in suppressed totals, never shown per person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="customer_group_memberships",
        verbose_name=_("resident"),
    )
    group = models.ForeignKey(
        CustomerGroup,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("customer group"),
    )
    # A sensitive group needs the resident's explicit consent, recorded here.
    explicit_consent = models.BooleanField(_("explicit consent"), default=False)
    consented_at = models.DateTimeField(_("consented at"), auto_now_add=True)

    class Meta:
        verbose_name = _("customer group membership")
        verbose_name_plural = _("customer group memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="customer_group_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.group}"
