"""A pilot's workspace, for its team and staff: milestones, indicators, measurements."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import rules
from marketplace.forms import (
    IndicatorForm,
    MeasurementForm,
    MilestoneForm,
)
from marketplace.models import Indicator, Measurement, Milestone, Pilot
from marketplace.selectors import pilots as pilot_selectors
from marketplace.selectors import procurement as procurement_selectors
from marketplace.services import workspace as workspace_services
from marketplace.views.pilots import pilot_or_404
from marketplace.views.testers import workspace_testing_context


def workspace_pilot(request, pk) -> Pilot:
    pilot = pilot_or_404(pk, detail=True)
    if not rules.can_work_on_pilot(request.user, pilot):
        raise Http404
    return pilot


def render_workspace(
    request,
    pilot,
    *,
    milestone_form=None,
    indicator_form=None,
    measurement_forms=None,
    slot_form=None,
    status=200,
):
    measurement_forms = measurement_forms or {}
    indicators = list(pilot.indicators.all())
    for indicator in indicators:
        indicator.measurement_form = measurement_forms.get(indicator.pk) or MeasurementForm(
            pilot=pilot, prefix=f"m{indicator.pk}"
        )
    return render(
        request,
        "marketplace/pilot_workspace.html",
        {
            "pilot": pilot,
            "milestones": pilot.milestones.all(),
            "indicators": indicators,
            "milestone_form": milestone_form or MilestoneForm(prefix="milestone", pilot=pilot),
            "indicator_form": indicator_form or IndicatorForm(prefix="indicator", pilot=pilot),
            "history": pilot_selectors.pilot_history(pilot),
            "references": procurement_selectors.referenced_offerings(pilot),
            **workspace_testing_context(pilot, slot_form=slot_form),
        },
        status=status,
    )


def pilot_workspace(request, pk):
    pilot = workspace_pilot(request, pk)
    return render_workspace(request, pilot)


def _done(request, pilot, message):
    messages.success(request, message)
    return redirect(reverse("marketplace:pilot-workspace", args=[pilot.pk]))


@require_POST
def milestone_add(request, pk):
    pilot = workspace_pilot(request, pk)
    form = MilestoneForm(request.POST, prefix="milestone", pilot=pilot)
    if form.is_valid():
        workspace_services.milestone_save(pilot=pilot, by=request.user, **form.cleaned_data)
        return _done(request, pilot, _("Milestone added."))
    return render_workspace(request, pilot, milestone_form=form, status=400)


def _edit_workspace_item(request, pilot, form, *, save, delete, heading, saved, removed):
    """Edit or delete one milestone or indicator of the pilot workspace."""
    if request.method == "POST":
        if "delete" in request.POST:
            delete()
            return _done(request, pilot, removed)
        if form.is_valid():
            save(form.cleaned_data)
            return _done(request, pilot, saved)
    return render(
        request,
        "marketplace/workspace_edit.html",
        {"pilot": pilot, "form": form, "heading": heading, "can_delete": True},
        status=400 if form.is_bound else 200,
    )


def milestone_edit(request, pk, milestone_pk):
    pilot = workspace_pilot(request, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, pilot=pilot)
    return _edit_workspace_item(
        request,
        pilot,
        MilestoneForm(request.POST or None, instance=milestone),
        save=lambda data: workspace_services.milestone_save(
            pilot=pilot, by=request.user, milestone=milestone, **data
        ),
        delete=lambda: workspace_services.milestone_delete(milestone=milestone, by=request.user),
        heading=_("Edit milestone"),
        saved=_("Milestone saved."),
        removed=_("Milestone removed."),
    )


@require_POST
def indicator_add(request, pk):
    pilot = workspace_pilot(request, pk)
    form = IndicatorForm(request.POST, prefix="indicator", pilot=pilot)
    if form.is_valid():
        workspace_services.indicator_save(pilot=pilot, by=request.user, **form.cleaned_data)
        return _done(request, pilot, _("Indicator added."))
    return render_workspace(request, pilot, indicator_form=form, status=400)


def indicator_edit(request, pk, indicator_pk):
    pilot = workspace_pilot(request, pk)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, pilot=pilot)
    return _edit_workspace_item(
        request,
        pilot,
        IndicatorForm(request.POST or None, instance=indicator),
        save=lambda data: workspace_services.indicator_save(
            pilot=pilot, by=request.user, indicator=indicator, **data
        ),
        delete=lambda: workspace_services.indicator_delete(indicator=indicator, by=request.user),
        heading=_("Edit indicator"),
        saved=_("Indicator saved."),
        removed=_("Indicator removed."),
    )


@require_POST
def measurement_add(request, pk, indicator_pk):
    pilot = workspace_pilot(request, pk)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, pilot=pilot)
    form = MeasurementForm(request.POST, pilot=pilot, prefix=f"m{indicator.pk}")
    if form.is_valid():
        try:
            workspace_services.measurement_add(
                indicator=indicator, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("date", error.message_dict.get("date"))
        else:
            return _done(request, pilot, _("Measurement added."))
    return render_workspace(request, pilot, measurement_forms={indicator.pk: form}, status=400)


@require_POST
def measurement_delete(request, pk, measurement_pk):
    pilot = workspace_pilot(request, pk)
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator"), pk=measurement_pk, indicator__pilot=pilot
    )
    workspace_services.measurement_delete(measurement=measurement, by=request.user)
    return _done(request, pilot, _("Measurement removed."))
