"""Finding partners: a team's "looking for partners" call on its draft, and an
organisation's request to join a team."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.translated import Translated


class PartnerCall(Translated):
    """ "Looking for partners": what partner a team wants for its proposal. Public while open
    (on the challenge and in the partner search), with the lead organisation and the
    challenge, never the draft's own text."""

    translated_fields = ("description",)

    proposal = models.ForeignKey(
        "ideas.Proposal",
        on_delete=models.CASCADE,
        related_name="partner_calls",
        verbose_name=_("proposal"),
    )
    description = models.TextField(
        _("who you are looking for"),
        max_length=1000,
        help_text=_('For example "a research group with accessibility expertise".'),
    )
    capabilities = models.ManyToManyField(
        "partners.Capability",
        blank=True,
        related_name="partner_calls",
        verbose_name=_("capabilities wanted"),
    )
    is_open = models.BooleanField(pgettext_lazy("partner call", "open"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("call for partners")
        verbose_name_plural = _("calls for partners")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.description[:60]


class JoinRequest(models.Model):
    """An organisation asks to join a proposal's team; the team accepts or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("join request", "Pending")
        ACCEPTED = "accepted", pgettext_lazy("join request", "Accepted")
        DECLINED = "declined", pgettext_lazy("join request", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("join request", "Withdrawn")

    proposal = models.ForeignKey(
        "ideas.Proposal",
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("proposal"),
    )
    call = models.ForeignKey(
        PartnerCall,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="join_requests",
        verbose_name=_("call for partners"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("organisation"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message to the team"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"],
                condition=Q(status="pending"),
                name="join_request_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.proposal}"
