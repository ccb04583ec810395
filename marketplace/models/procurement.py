"""How the city buys a service after an adopted pilot: the procurement record shown on the
offering and on the provider's reference statement."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from partners.translated import Translated


class ProcurementMethod(models.TextChoices):
    INNOVATION_PARTNERSHIP = "innovation_partnership", _("Innovation partnership")
    DIRECT_AWARD = "direct_award", _("Direct award under the threshold")
    COMPETITIVE_TENDER = "competitive_tender", _("Competitive tender")
    DYNAMIC_PURCHASING = "dynamic_purchasing", _("Dynamic purchasing system")
    NOT_PROCURED = "not_procured", _("Not procured")


class ProcurementRecord(Translated):
    """One per completed, adopted pilot: the method, the contract, the public notice, value
    and dates. Public on the offering once recorded."""

    translated_fields = ("note",)

    pilot = models.OneToOneField(
        "marketplace.Pilot",
        on_delete=models.CASCADE,
        related_name="procurement",
        verbose_name=_("pilot"),
    )
    method = models.CharField(
        _("procurement method"), max_length=30, choices=ProcurementMethod.choices
    )
    contract_reference = models.CharField(_("contract reference"), max_length=100, blank=True)
    notice_url = models.URLField(
        _("public notice"),
        blank=True,
        help_text=_("The contract notice in Hilma or the EU's TED, if one was published."),
    )
    value_eur = models.PositiveIntegerField(_("contract value (euros)"), null=True, blank=True)
    decided_on = models.DateField(_("procurement decision"), null=True, blank=True)
    contract_start = models.DateField(_("contract starts"), null=True, blank=True)
    contract_end = models.DateField(_("contract ends"), null=True, blank=True)
    note = models.TextField(_("public note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("procurement record")
        verbose_name_plural = _("procurement records")
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_end__isnull=True)
                | Q(contract_start__isnull=True)
                | Q(contract_end__gte=F("contract_start")),
                name="procurement_contract_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pilot} · {self.get_method_display()}"

    def clean(self):
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            raise ValidationError({"contract_end": _("The contract cannot end before it starts.")})
