"""A pilot's indicators, milestones and measurements in the Wagtail admin: each listing is
filtered by its pilot, each edit page leads back to the pilot (breadcrumbs and a header
button), and the pilot's edit page leads to them (`pilot_workspace_buttons`). Writes go
through the workspace services."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy

from marketplace import rules
from marketplace.admin.actions import ActionOnlyViewSetMixin
from marketplace.models import Indicator, Measurement, Milestone, Pilot
from marketplace.services import workspace as workspace_services
from partners.admin_access import RulePermissionPolicy

# Who may manage pilots manages their workspace here, as on the pilot's public workspace.
# Removing goes through the workspace page, whose services record it in the pilot's history.
for _model, _actions in (
    (Milestone, {"add", "change", "view"}),
    (Indicator, {"add", "change", "view"}),
    (Measurement, {"add", "view"}),
):
    register_permission_policy(
        _model,
        RulePermissionPolicy(_model, predicate=rules.can_manage_pilots, actions=_actions),
    )


def pilot_workspace_buttons(pilot: Pilot) -> list[HeaderButton]:
    """The pilot edit page's way to its workspace: each listing, filtered, with its count."""
    counts = {
        "milestones": pilot.milestones.count(),
        "indicators": pilot.indicators.count(),
        "measurements": Measurement.objects.filter(indicator__pilot=pilot).count(),
    }
    labels = {
        "milestones": _("Milestones (%(count)s)"),
        "indicators": _("Indicators (%(count)s)"),
        "measurements": _("Measurements (%(count)s)"),
    }
    return [
        HeaderButton(
            labels[name] % {"count": count},
            url=reverse(f"pilot_{name}:index") + f"?pilot={pilot.pk}",
            icon_name="list-ul",
            priority=20 + index,
        )
        for index, (name, count) in enumerate(counts.items())
    ]


def _pilot_in_query(request) -> Pilot | None:
    """The pilot named by `?pilot=<id>`, read once per request."""
    if not hasattr(request, "_tori_pilot_in_query"):
        pk = request.GET.get("pilot", "")
        request._tori_pilot_in_query = Pilot.objects.filter(pk=pk).first() if pk.isdigit() else None
    return request._tori_pilot_in_query


def _back_to_pilot(pilot: Pilot) -> HeaderButton:
    return HeaderButton(
        _("Back to pilot"), url=reverse("pilots:edit", args=[pilot.pk]), icon_name="arrow-left"
    )


class _PilotChildMixin:
    """Breadcrumbs through the pilot, a "Back to pilot" button; `?pilot=` chooses the pilot
    of a new row."""

    def pilot_of(self, obj) -> Pilot | None:
        return getattr(obj, "pilot", None)

    def current_pilot(self) -> Pilot | None:
        obj = getattr(self, "object", None)
        if obj is not None and obj.pk:
            return self.pilot_of(obj)
        return _pilot_in_query(self.request)

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        pilot = self.current_pilot()
        if pilot is None:
            return items
        crumb = {"url": reverse("pilots:edit", args=[pilot.pk]), "label": pilot.title}
        index = reverse(self.index_url_name)
        for item in items:  # the listing's crumb shows this pilot's rows only
            if item.get("url") == index:
                item["url"] = f"{index}?pilot={pilot.pk}"
        return [*items[:1], crumb, *items[1:]]

    @property
    def header_buttons(self):
        pilot = self.current_pilot()
        return [] if pilot is None else [_back_to_pilot(pilot)]

    def get_initial(self):
        initial = super().get_initial()
        pilot = self.current_pilot()
        if pilot is not None and "pilot" in self.form_class.base_fields:
            initial["pilot"] = pilot.pk
        return initial


class _PilotIndexView(generic.IndexView):
    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if pilot := _pilot_in_query(self.request):
            for button in buttons:
                if button.url == self.add_url:
                    button.url = f"{self.add_url}?pilot={pilot.pk}"
            buttons.append(_back_to_pilot(pilot))
        return buttons


# Milestones -----------------------------------------------------------------------------------


class MilestoneFilterSet(WagtailFilterSet):
    class Meta:
        model = Milestone
        fields = ["pilot"]


class _MilestoneWrite:
    def save_instance(self):
        data, current = self.form.cleaned_data, self.form.instance
        return workspace_services.milestone_save(
            pilot=current.pilot if current.pk else data["pilot"],
            by=self.request.user,
            title=data["title"],
            due_date=data["due_date"],
            done_date=data.get("done_date"),
            milestone=current if current.pk else None,
        )


class MilestoneCreateView(_PilotChildMixin, _MilestoneWrite, generic.CreateView):
    pass


class MilestoneEditView(_PilotChildMixin, _MilestoneWrite, generic.EditView):
    pass


class MilestoneViewSet(ModelViewSet):
    model = Milestone
    name = "pilot_milestones"
    icon = "date"
    menu_label = _("Milestones")
    add_to_admin_menu = False
    index_view_class = _PilotIndexView
    add_view_class = MilestoneCreateView
    edit_view_class = MilestoneEditView
    filterset_class = MilestoneFilterSet
    list_display = ["title", "pilot", "due_date", "done_date"]
    search_fields = ["title"]

    def get_form_class(self, for_update=False):
        fields = ["title", "due_date", "done_date"]
        return _model_form(Milestone, fields if for_update else ["pilot", *fields])


# Indicators -----------------------------------------------------------------------------------


class IndicatorFilterSet(WagtailFilterSet):
    class Meta:
        model = Indicator
        fields = ["pilot"]


class _IndicatorWrite:
    def save_instance(self):
        data, current = self.form.cleaned_data, self.form.instance
        return workspace_services.indicator_save(
            pilot=current.pilot if current.pk else data["pilot"],
            by=self.request.user,
            name=data["name"],
            unit=data["unit"],
            baseline=data["baseline"],
            target=data["target"],
            higher_is_better=data["higher_is_better"],
            indicator=current if current.pk else None,
        )


class IndicatorCreateView(_PilotChildMixin, _IndicatorWrite, generic.CreateView):
    pass


class IndicatorEditView(_PilotChildMixin, _IndicatorWrite, generic.EditView):
    pass


class IndicatorViewSet(ModelViewSet):
    model = Indicator
    name = "pilot_indicators"
    icon = "table"
    menu_label = _("Indicators")
    add_to_admin_menu = False
    index_view_class = _PilotIndexView
    add_view_class = IndicatorCreateView
    edit_view_class = IndicatorEditView
    filterset_class = IndicatorFilterSet
    list_display = ["name", "pilot", "unit", "baseline", "target"]
    search_fields = ["name"]

    def get_form_class(self, for_update=False):
        fields = ["name", "unit", "baseline", "target", "higher_is_better"]
        return _model_form(Indicator, fields if for_update else ["pilot", *fields])


# Measurements ---------------------------------------------------------------------------------


class MeasurementFilterSet(WagtailFilterSet):
    class Meta:
        model = Measurement
        fields = ["indicator"]


class _PromptedForm(WagtailAdminModelForm):
    """The pilot or indicator to choose is prompted for, not shown as dashes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, prompt in (
            ("pilot", _("Choose a pilot")),
            ("indicator", _("Choose an indicator")),
        ):
            if name in self.fields:
                self.fields[name].empty_label = prompt


class MeasurementAdminForm(_PromptedForm):
    class Meta:
        model = Measurement
        fields = ["indicator", "date", "value"]

    def clean(self):
        data = super().clean()
        indicator, value_date = data.get("indicator"), data.get("date")
        if indicator and value_date:
            try:
                workspace_services.validate_measurement_date(
                    pilot=indicator.pilot, value_date=value_date
                )
            except ValidationError as error:
                self.add_error("date", error.message_dict["date"])
        return data


class MeasurementIndexView(_PilotIndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("indicator", "indicator__pilot")
        pk = self.request.GET.get("pilot", "")
        return queryset.filter(indicator__pilot=pk) if pk.isdigit() else queryset


class MeasurementCreateView(_PilotChildMixin, generic.CreateView):
    def pilot_of(self, obj):
        return obj.indicator.pilot if obj.indicator_id else None

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        pilot = self.current_pilot()
        if pilot is not None:
            form.fields["indicator"].queryset = pilot.indicators.all()
        return form

    def get_edit_url(self):  # measurements are not edited: the message links to its page
        return reverse("pilot_measurements:inspect", args=[self.object.pk])

    def get_success_url(self):
        pilot_pk = self.object.indicator.pilot_id
        return reverse("pilot_measurements:index") + f"?pilot={pilot_pk}"

    def save_instance(self):
        data = self.form.cleaned_data
        return workspace_services.measurement_add(
            indicator=data["indicator"],
            by=self.request.user,
            date=data["date"],
            value=data["value"],
        )


class MeasurementViewSet(ActionOnlyViewSetMixin, ModelViewSet):
    """Measurements are added and removed, never changed (the services keep no edit)."""

    model = Measurement
    name = "pilot_measurements"
    icon = "order"
    menu_label = _("Measurements")
    add_to_admin_menu = False
    kept_views = {*ActionOnlyViewSetMixin.kept_views, "add"}
    copy_view_enabled = False
    index_view_class = MeasurementIndexView
    add_view_class = MeasurementCreateView
    filterset_class = MeasurementFilterSet
    list_display = ["indicator", "date", "value"]
    inspect_view_enabled = True

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        kwargs["add_url_name"] = self.get_url_name("add")
        return kwargs

    def get_form_class(self, for_update=False):
        return MeasurementAdminForm


def _model_form(model, fields):
    return type(
        f"{model.__name__}AdminForm",
        (_PromptedForm,),
        {"Meta": type("Meta", (), {"model": model, "fields": fields})},
    )
