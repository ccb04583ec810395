"""A pilot's procurement record in the Wagtail admin: staff record how the city buys the
service of a completed, adopted pilot (from the pilot listing's and edit page's buttons);
any other pilot is refused with the reason. Writes go through `procurement_save`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton, ListingButton

from marketplace import rules
from marketplace.forms import ProcurementAdminForm
from marketplace.models import Pilot, ProcurementRecord
from marketplace.services import procurement as procurement_services
from marketplace.services.common import MarketplaceError


def _label(pilot: Pilot) -> str:
    has_record = ProcurementRecord.objects.filter(pilot=pilot).exists()
    return _("Procurement") if has_record else _("Record procurement")


def procurement_listing_buttons(pilot: Pilot) -> list[ListingButton]:
    """On the pilot listing: only for pilots a procurement can be recorded for."""
    if not rules.is_procurement_recordable(pilot):
        return []
    return [
        ListingButton(
            _("Procurement"),
            url=reverse("pilots:procurement", args=[pilot.pk]),
            icon_name="doc-full",
            priority=8,
        )
    ]


def procurement_header_buttons(pilot: Pilot) -> list[HeaderButton]:
    if not rules.is_procurement_recordable(pilot):
        return []
    return [
        HeaderButton(
            _label(pilot),
            url=reverse("pilots:procurement", args=[pilot.pk]),
            icon_name="doc-full",
            priority=30,
        )
    ]


def pilot_procurement(request, pk):
    """Record or change the pilot's procurement; a pilot that is not completed and adopted
    gets the reason instead of the form."""
    pilot = get_object_or_404(Pilot.objects.select_related("proposal"), pk=pk)
    if not rules.can_manage_pilots(request.user):
        raise PermissionDenied
    record = ProcurementRecord.objects.filter(pilot=pilot).first()
    refusal = (
        None
        if rules.can_record_procurement(request.user, pilot)
        else procurement_services.refusal_message(pilot)
    )
    form = None
    status = 200
    if refusal is None:
        form = ProcurementAdminForm(request.POST or None, instance=record)
        if request.method == "POST":
            if form.is_valid():
                data = dict(form.cleaned_data)
                try:
                    procurement_services.procurement_save(pilot=pilot, by=request.user, **data)
                except MarketplaceError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(
                        request,
                        gettext("Procurement saved for %s.") % pilot.title,
                    )
                    return redirect("pilots:edit", pilot.pk)
            status = 400
    elif request.method == "POST":
        status = 409
    return TemplateResponse(
        request,
        "marketplace/admin/pilot_procurement.html",
        {
            "page_title": gettext("Procurement: %s") % pilot.title,
            "header_icon": "doc-full",
            "pilot": pilot,
            "record": record,
            "form": form,
            "refusal": refusal,
            "offerings": pilot.offerings.all(),
        },
        status=status,
    )


@hooks.register("register_log_actions")
def register_procurement_log_actions(actions):
    for action, label, message in procurement_services.LOG_ACTIONS:
        actions.register_action(action, label, message)
