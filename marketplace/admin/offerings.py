"""Offerings in the Wagtail admin, and the changes providers propose to them (approve or
reject)."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from cms.localize import ItemChoiceFilter, originals
from cms.models import CustomerGroup, Theme
from marketplace import rules
from marketplace.admin.actions import ActionOnlyViewSetMixin
from marketplace.forms import OfferingAdminForm
from marketplace.models import (
    Offering,
    OfferingEditProposal,
    Pilot,
    PilotStage,
    PriceModel,
)
from marketplace.services import offerings as offering_services
from marketplace.services.common import MarketplaceError
from partners.admin_display import yes_no_column
from partners.models import Organisation


class OfferingFilterSet(WagtailFilterSet):
    published = django_filters.BooleanFilter(label=_("Published"))
    price_model = django_filters.ChoiceFilter(choices=PriceModel.choices, label=_("Price model"))
    providers = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label=_("Provider organisation")
    )
    customer_groups = ItemChoiceFilter(
        queryset=lambda request: originals(CustomerGroup.objects.all()), label=_("Customer group")
    )
    themes = ItemChoiceFilter(
        queryset=lambda request: originals(Theme.objects.all()), label=_("Theme")
    )
    from_pilot = django_filters.BooleanFilter(
        field_name="pilot", lookup_expr="isnull", exclude=True, label=_("From a pilot")
    )

    class Meta:
        model = Offering
        fields = [
            "published",
            "price_model",
            "providers",
            "customer_groups",
            "themes",
            "from_pilot",
        ]


class OfferingCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        pilot_id = self.request.GET.get("pilot")
        if pilot_id and pilot_id.isdigit():
            pilot = (
                Pilot.objects.filter(pk=pilot_id, stage=PilotStage.COMPLETED)
                .select_related("proposal__challenge")
                .first()
            )
            if pilot:
                initial.update(offering_services.offering_initial_from_pilot(pilot))
        return initial

    def save_instance(self):
        data = dict(self.form.cleaned_data)
        return offering_services.offering_create(by=self.request.user, **data)


class OfferingEditView(generic.EditView):
    def save_instance(self):
        data = dict(self.form.cleaned_data)
        return offering_services.offering_update(offering=self.object, by=self.request.user, **data)


class OfferingViewSet(ModelViewSet):
    model = Offering
    name = "offerings"
    icon = "tag"
    menu_label = _("Offerings")
    add_view_class = OfferingCreateView
    edit_view_class = OfferingEditView
    filterset_class = OfferingFilterSet
    list_display = [
        "title",
        "price_model",
        "pilot",
        yes_no_column(Offering, "published"),
        "updated_at",
    ]
    search_fields = ["title", "summary"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return OfferingAdminForm


class EditProposalFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=OfferingEditProposal.Status.choices, label=_("Status")
    )

    class Meta:
        model = OfferingEditProposal
        fields = ["status"]


class EditProposalIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("offering", "proposed_by")

    def get_list_more_buttons(self, instance):
        if instance.status != OfferingEditProposal.Status.PENDING:
            return []
        return [
            ListingButton(
                _("Review"),
                url=reverse("offering_edits:decide", args=[instance.pk]),
                icon_name="edit",
                priority=10,
            )
        ]


class OfferingEditProposalViewSet(ActionOnlyViewSetMixin, ModelViewSet):
    model = OfferingEditProposal
    name = "offering_edits"
    icon = "edit"
    menu_label = _("Proposed offering changes")
    index_view_class = EditProposalIndexView
    filterset_class = EditProposalFilterSet
    list_display = ["offering", "proposed_by", "status", "created_at"]
    form_fields = ["note"]
    inspect_view_enabled = True

    def action_urlpatterns(self):
        return [path("decide/<int:pk>/", offering_edit_decide, name="decide")]


def offering_edit_decide(request, pk):
    if not rules.can_manage_offerings(request.user):
        raise PermissionDenied
    edit = get_object_or_404(
        OfferingEditProposal.objects.select_related("offering", "proposed_by"), pk=pk
    )
    if request.method == "POST":
        approve = request.POST.get("decision") == "approve"
        try:
            offering_services.offering_edit_decide(
                edit=edit,
                by=request.user,
                approve=approve,
                note=request.POST.get("note", "")[:2000],
            )
        except (MarketplaceError, ValidationError) as error:
            messages.error(request, getattr(error, "message", None) or "; ".join(error.messages))
        else:
            messages.success(
                request, gettext("Changes applied.") if approve else gettext("Proposal rejected.")
            )
            return redirect("offering_edits:index")
    rows = [
        {
            "field": str(edit.offering._meta.get_field(name).verbose_name),
            "current": getattr(edit.offering, name),
            "proposed": value,
        }
        for name, value in edit.changes.items()
        if name in OfferingEditProposal.EDITABLE_FIELDS
    ]
    return TemplateResponse(
        request,
        "marketplace/admin/offering_edit_decide.html",
        {
            "page_title": gettext("Proposed changes: %s") % edit.offering,
            "header_icon": "edit",
            "edit": edit,
            "rows": rows,
        },
    )
