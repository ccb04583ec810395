"""Wagtail admin for the marketplace: pilots, feedback moderation, offerings, edit proposals,
and the staff dashboard."""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import ListingButton

from cms.localize import ItemChoiceFilter, localized, originals
from cms.models import ChallengePage, CustomerGroup, Theme
from marketplace.services import offerings as offering_services
from marketplace.services import pilots as pilot_services
from partners.admin_display import yes_no_column
from partners.models import Organisation

from . import admin_views, rules
from .forms import OfferingAdminForm, PilotAdminForm
from .models import (
    Feedback,
    Offering,
    OfferingEditProposal,
    Pilot,
    PilotOutcome,
    PilotStage,
    PriceModel,
)

# Pilots ---------------------------------------------------------------------------------------


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
            path("stage/<int:pk>/", admin_views.pilot_stage, name="stage"),
        ]


# Feedback moderation --------------------------------------------------------------------------


class ActionOnlyViewSetMixin:
    """No add or edit views: staff act on rows only through the viewset's action URLs."""

    kept_views = {
        "index",
        "index_results",
        "delete",
        "history",
        "history_results",
        "usage",
        "inspect",
    }

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(add_url_name=None, edit_url_name=None, **kwargs)

    @property
    def url_finder_class(self):
        # No edit view: "usage" listings (e.g. a pilot's) link to the inspect view instead.
        return type(
            "_InspectURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def action_urlpatterns(self):
        return []

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name in self.kept_views]
        return [*patterns, *self.action_urlpatterns()]


class FeedbackFilterSet(WagtailFilterSet):
    reported = django_filters.BooleanFilter(label=_("Reported"), method="filter_reported")
    hidden = django_filters.BooleanFilter(
        label=_("Hidden"), field_name="hidden_at", lookup_expr="isnull", exclude=True
    )
    pilot = django_filters.ModelChoiceFilter(queryset=Pilot.objects.all(), label=_("Pilot"))

    class Meta:
        model = Feedback
        fields = ["reported", "hidden", "pilot"]

    def filter_reported(self, queryset, name, value):
        return queryset.filter(report_count__gt=0) if value else queryset.filter(report_count=0)


class FeedbackIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("pilot", "user")
            .annotate(report_count=Count("reports"))
            .order_by("-report_count", "-updated_at")
        )

    def get_list_more_buttons(self, instance):
        buttons = []
        if instance.is_hidden:
            buttons.append(
                ListingButton(
                    _("Show again"),
                    url=reverse("pilot_feedback:restore", args=[instance.pk]),
                    icon_name="view",
                    priority=10,
                )
            )
        else:
            buttons.append(
                ListingButton(
                    _("Hide"),
                    url=reverse("pilot_feedback:hide", args=[instance.pk]),
                    icon_name="no-view",
                    priority=10,
                )
            )
            if getattr(instance, "report_count", 0):
                buttons.append(
                    ListingButton(
                        _("Dismiss reports"),
                        url=reverse("pilot_feedback:dismiss", args=[instance.pk]),
                        icon_name="tick",
                        priority=20,
                    )
                )
        return buttons


class FeedbackViewSet(ActionOnlyViewSetMixin, ModelViewSet):
    """The moderation queue: reported feedback first; hide with a reason, restore, dismiss reports."""

    model = Feedback
    name = "pilot_feedback"
    icon = "comment"
    menu_label = _("Pilot feedback")
    index_view_class = FeedbackIndexView
    filterset_class = FeedbackFilterSet
    list_display = [
        "pilot",
        "rating",
        "comment",
        Column("report_count", label=pgettext_lazy("content reports", "Reports")),
        "hidden_reason",
        "updated_at",
    ]
    form_fields = ["comment"]  # no add or edit views: see get_urlpatterns
    inspect_view_enabled = True

    def action_urlpatterns(self):
        return [
            path("hide/<int:pk>/", admin_views.feedback_hide, name="hide"),
            path("restore/<int:pk>/", admin_views.feedback_restore, name="restore"),
            path("dismiss/<int:pk>/", admin_views.feedback_dismiss, name="dismiss"),
        ]


# Offerings ------------------------------------------------------------------------------------


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


M2M = ("providers", "customer_groups", "themes")


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
        return [path("decide/<int:pk>/", admin_views.offering_edit_decide, name="decide")]


class MarketplaceGroup(ModelViewSetGroup):
    menu_label = _("Tori")
    menu_icon = "rocket"
    items = (PilotViewSet, FeedbackViewSet, OfferingViewSet, OfferingEditProposalViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return MarketplaceGroup()


# Dashboard ------------------------------------------------------------------------------------


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.can_view_dashboard(request.user)


@hooks.register("register_admin_urls")
def register_dashboard_url():
    return [path("marketplace/dashboard/", admin_views.dashboard, name="marketplace_dashboard")]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Tori dashboard"), reverse("marketplace_dashboard"), icon_name="table", order=250
    )
