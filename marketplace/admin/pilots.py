"""Pilots in the Wagtail admin: the listing with its filters, create and edit, and the stage
move (ask the rule, call the service, render)."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from cms.localize import ItemChoiceFilter, localized, originals
from cms.models import ChallengePage
from marketplace import rules
from marketplace.admin.insight import breakdown_header_buttons
from marketplace.admin.procurement import (
    pilot_procurement,
    procurement_header_buttons,
    procurement_listing_buttons,
)
from marketplace.admin.workspace import pilot_workspace_buttons
from marketplace.forms import PilotAdminForm, PilotPhotoAdminForm, PilotStageForm
from marketplace.models import (
    Pilot,
    PilotOutcome,
    PilotPhoto,
    PilotStage,
)
from marketplace.selectors import pilots as pilot_selectors
from marketplace.services import pilots as pilot_services
from partners.admin_display import yes_no_column


class PilotFilterSet(WagtailFilterSet):
    stage = django_filters.ChoiceFilter(choices=PilotStage.choices, label=_("Stage"))
    outcome = django_filters.ChoiceFilter(choices=PilotOutcome.choices, label=_("Outcome"))
    published = django_filters.BooleanFilter(label=_("Published"))
    challenge = ItemChoiceFilter(
        field_name="proposal__challenge",
        queryset=lambda request: originals(ChallengePage.objects.all()),
        label=_("Challenge"),
    )

    class Meta:
        model = Pilot
        fields = ["stage", "outcome", "published", "challenge"]


class PilotIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("proposal", "proposal__challenge")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if pilot_services.allowed_stages(instance.stage):
            buttons.append(
                ListingButton(
                    _("Change stage"),
                    url=reverse("pilots:stage", args=[instance.pk]),
                    icon_name="repeat",
                    priority=5,
                )
            )
        if instance.stage == PilotStage.COMPLETED:
            buttons.append(
                ListingButton(
                    _("Make an offering"),
                    url=reverse("offerings:add") + f"?pilot={instance.pk}",
                    icon_name="plus",
                    priority=6,
                )
            )
        buttons.append(
            ListingButton(
                _("Workspace"),
                url=reverse("marketplace:pilot-workspace", args=[instance.pk]),
                icon_name="link-external",
                priority=7,
            )
        )
        buttons.extend(procurement_listing_buttons(instance))
        return buttons


class PilotCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return pilot_services.pilot_create(
            by=self.request.user,
            proposal=data["proposal"],
            **{name: data[name] for name in (*pilot_services.PILOT_FIELDS, "published")},
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)


class PilotEditView(generic.EditView):
    @property
    def header_buttons(self):
        return [
            *super().header_buttons,
            *pilot_workspace_buttons(self.object),
            *procurement_header_buttons(self.object),
            *breakdown_header_buttons(self.object),
        ]

    def save_instance(self):
        data = self.form.cleaned_data
        current = Pilot.objects.get(pk=self.object.pk)
        return pilot_services.pilot_update(
            pilot=current,
            by=self.request.user,
            **{name: data[name] for name in (*pilot_services.PILOT_FIELDS, "published")},
        )


class PilotViewSet(ModelViewSet):
    model = Pilot
    name = "pilots"
    icon = "rocket"
    menu_label = _("Pilots")
    add_view_class = PilotCreateView
    edit_view_class = PilotEditView
    index_view_class = PilotIndexView
    filterset_class = PilotFilterSet
    list_display = [
        "title",
        Column(
            "challenge",
            label=_("Challenge"),
            accessor=lambda pilot: localized(pilot.proposal.challenge).title,
        ),
        "venue",
        "stage",
        "outcome",
        "start_date",
        yes_no_column(Pilot, "published"),
    ]
    search_fields = ["title", "venue"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return PilotAdminForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("stage/<int:pk>/", pilot_stage, name="stage"),
            path("procurement/<int:pk>/", pilot_procurement, name="procurement"),
        ]


class PilotPhotoFilterSet(WagtailFilterSet):
    class Meta:
        model = PilotPhoto
        fields = ["pilot"]


class PilotPhotoViewSet(ModelViewSet):
    """The pilots' photos, in their order: the first is the pilot's picture on its card."""

    model = PilotPhoto
    name = "pilot_photos"
    icon = "image"
    menu_label = _("Pilot photos")
    filterset_class = PilotPhotoFilterSet
    list_display = ["__str__", "pilot", "sort_order", yes_no_column(PilotPhoto, "decorative")]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return PilotPhotoAdminForm


M2M = ("providers", "customer_groups", "themes")


def _staff_only(user):
    if not rules.can_manage_pilots(user):
        raise PermissionDenied


def pilot_stage(request, pk):
    _staff_only(request.user)
    pilot = get_object_or_404(Pilot.objects.select_related("proposal"), pk=pk)
    form = PilotStageForm(request.POST or None, pilot=pilot)
    if request.method == "POST" and form.is_valid():
        try:
            pilot_services.pilot_advance(
                pilot=pilot,
                to_stage=form.cleaned_data["to_stage"],
                outcome=form.cleaned_data.get("outcome") or "",
                by=request.user,
            )
        except pilot_services.StageTransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, gettext("Stage changed to %s.") % pilot.get_stage_display())
            return redirect("pilots:index")
    return TemplateResponse(
        request,
        "marketplace/admin/pilot_stage.html",
        {
            "page_title": gettext("Change stage: %s") % pilot.title,
            "header_icon": "repeat",
            "pilot": pilot,
            "form": form,
            "changes": pilot_selectors.pilot_stage_changes(pilot),
            "history": pilot_selectors.pilot_history(pilot, limit=50),
        },
    )
