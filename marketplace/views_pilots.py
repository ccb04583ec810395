"""Public pilot pages, resident feedback and the pilot workspace (team and staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.selectors import feedback as feedback_selectors
from marketplace.selectors import pilots as pilot_selectors
from marketplace.services import feedback as feedback_services
from marketplace.services import workspace as workspace_services
from partners.pagination import page_or_404

from . import rules
from .filters import PilotFilter
from .forms import FeedbackForm, FeedbackReportForm, IndicatorForm, MeasurementForm, MilestoneForm
from .models import Feedback, Indicator, Measurement, Milestone, Pilot


def _pilot_or_404(pk, *, detail=False) -> Pilot:
    try:
        return (
            pilot_selectors.pilot_detail(pk) if detail else pilot_selectors.pilots_base().get(pk=pk)
        )
    except Pilot.DoesNotExist as missing:
        raise Http404 from missing


def pilot_list(request):
    filterset = PilotFilter(request.GET or None, queryset=pilot_selectors.published_pilots())
    qs = (
        filterset.qs
        if filterset.is_bound and filterset.is_valid()
        else pilot_selectors.published_pilots()
    )
    page = page_or_404(Paginator(qs, 20), request)
    return render(request, "marketplace/pilot_list.html", {"filter": filterset, "page_obj": page})


def pilot_detail(request, pk, *, feedback_form=None):
    pilot = _pilot_or_404(pk, detail=True)
    if not rules.can_view_pilot(request.user, pilot):
        raise Http404
    own = feedback_selectors.feedback_of(request.user, pilot)
    can_feedback = rules.can_give_feedback(request.user, pilot)
    if can_feedback and feedback_form is None:
        feedback_form = FeedbackForm(instance=own, pilot=pilot)
    return render(
        request,
        "marketplace/pilot_detail.html",
        {
            "pilot": pilot,
            "milestones": pilot.milestones.all(),
            "indicators": pilot.indicators.all(),
            "summary": feedback_selectors.feedback_summary(pilot),
            "feedback_list": feedback_selectors.visible_feedback(pilot),
            "own_feedback": own,
            "feedback_form": feedback_form if can_feedback else None,
            "feedback_open": rules.is_feedback_open(pilot),
            "can_work": rules.can_work_on_pilot(request.user, pilot),
            "show_proposal_link": rules.can_link_proposal(pilot),
        },
        status=400 if feedback_form is not None and feedback_form.is_bound else 200,
    )


@require_POST
@login_required
def feedback_give(request, pk):
    pilot = _pilot_or_404(pk)
    if not rules.can_view_pilot(request.user, pilot):
        raise Http404
    if not rules.can_give_feedback(request.user, pilot):
        messages.error(
            request,
            _("Feedback can be given by verified residents while the pilot runs or is evaluated."),
        )
        return redirect(pilot.get_absolute_url())
    own = feedback_selectors.feedback_of(request.user, pilot)
    form = FeedbackForm(request.POST, instance=own, pilot=pilot)
    if form.is_valid():
        try:
            feedback_services.feedback_give(
                pilot=pilot,
                user=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                customer_group=form.cleaned_data["customer_group"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except feedback_services.FeedbackError as error:
            messages.error(request, error.message)
            return redirect(pilot.get_absolute_url())
        else:
            messages.success(
                request,
                _("Thank you! Your feedback was saved.")
                if own is None
                else _("Your feedback was updated."),
            )
            return redirect(pilot.get_absolute_url() + "#feedback")
    return pilot_detail(request, pk, feedback_form=form)


@login_required
def feedback_report(request, pk):
    feedback = get_object_or_404(Feedback.objects.select_related("pilot", "pilot__proposal"), pk=pk)
    if not rules.can_view_pilot(request.user, feedback.pilot) or feedback.is_hidden:
        raise Http404
    if not rules.can_report_feedback(request.user, feedback):
        messages.error(request, _("You cannot report this feedback."))
        return redirect(feedback.pilot.get_absolute_url())
    form = FeedbackReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        feedback_services.feedback_report(
            feedback=feedback, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Thank you. A moderator will look at the feedback."))
        return redirect(feedback.pilot.get_absolute_url() + "#feedback")
    return render(request, "marketplace/feedback_report.html", {"feedback": feedback, "form": form})


# Workspace ------------------------------------------------------------------------------------


def _workspace_pilot(request, pk) -> Pilot:
    pilot = _pilot_or_404(pk, detail=True)
    if not rules.can_work_on_pilot(request.user, pilot):
        raise Http404
    return pilot


def _render_workspace(
    request, pilot, *, milestone_form=None, indicator_form=None, measurement_forms=None, status=200
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
        },
        status=status,
    )


def pilot_workspace(request, pk):
    pilot = _workspace_pilot(request, pk)
    return _render_workspace(request, pilot)


def _done(request, pilot, message):
    messages.success(request, message)
    return redirect(reverse("marketplace:pilot-workspace", args=[pilot.pk]))


@require_POST
def milestone_add(request, pk):
    pilot = _workspace_pilot(request, pk)
    form = MilestoneForm(request.POST, prefix="milestone", pilot=pilot)
    if form.is_valid():
        workspace_services.milestone_save(pilot=pilot, by=request.user, **form.cleaned_data)
        return _done(request, pilot, _("Milestone added."))
    return _render_workspace(request, pilot, milestone_form=form, status=400)


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
    pilot = _workspace_pilot(request, pk)
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
    pilot = _workspace_pilot(request, pk)
    form = IndicatorForm(request.POST, prefix="indicator", pilot=pilot)
    if form.is_valid():
        workspace_services.indicator_save(pilot=pilot, by=request.user, **form.cleaned_data)
        return _done(request, pilot, _("Indicator added."))
    return _render_workspace(request, pilot, indicator_form=form, status=400)


def indicator_edit(request, pk, indicator_pk):
    pilot = _workspace_pilot(request, pk)
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
    pilot = _workspace_pilot(request, pk)
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
    return _render_workspace(request, pilot, measurement_forms={indicator.pk: form}, status=400)


@require_POST
def measurement_delete(request, pk, measurement_pk):
    pilot = _workspace_pilot(request, pk)
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator"), pk=measurement_pk, indicator__pilot=pilot
    )
    workspace_services.measurement_delete(measurement=measurement, by=request.user)
    return _done(request, pilot, _("Measurement removed."))
