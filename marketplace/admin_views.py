"""Staff actions in the Wagtail admin that are not plain editing: stage moves, moderation,
approving offering edits, and the dashboard. Thin: ask the rule, call the service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cms.charts import bar_chart

from . import rules, selectors, services
from .forms import FeedbackHideForm, PilotStageForm
from .models import Feedback, OfferingEditProposal, Pilot


def _staff_only(user):
    if not rules.can_manage_pilots(user):
        raise PermissionDenied


def pilot_stage(request, pk):
    _staff_only(request.user)
    pilot = get_object_or_404(Pilot.objects.select_related("proposal"), pk=pk)
    form = PilotStageForm(request.POST or None, pilot=pilot)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_advance(
                pilot=pilot,
                to_stage=form.cleaned_data["to_stage"],
                outcome=form.cleaned_data.get("outcome") or "",
                by=request.user,
            )
        except services.StageTransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Stage changed to %s.") % pilot.get_stage_display())
            return redirect("pilots:index")
    return TemplateResponse(
        request,
        "marketplace/admin/pilot_stage.html",
        {
            "page_title": _("Change stage: %s") % pilot.title,
            "header_icon": "repeat",
            "pilot": pilot,
            "form": form,
            "changes": selectors.pilot_stage_changes(pilot),
            "history": selectors.pilot_history(pilot, limit=50),
        },
    )


def _moderator_only(user):
    if not rules.can_moderate_feedback(user):
        raise PermissionDenied


def feedback_hide(request, pk):
    _moderator_only(request.user)
    feedback = get_object_or_404(Feedback.objects.select_related("pilot", "user"), pk=pk)
    form = FeedbackHideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_hide(
                feedback=feedback, by=request.user, reason=form.cleaned_data["reason"]
            )
        except (services.FeedbackError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", str(error)))
        else:
            messages.success(request, _("Feedback hidden."))
            return redirect("pilot_feedback:index")
    return TemplateResponse(
        request,
        "marketplace/admin/feedback_hide.html",
        {
            "page_title": _("Hide feedback"),
            "header_icon": "view",
            "feedback": feedback,
            "reports": feedback.reports.select_related("reporter"),
            "form": form,
        },
    )


def _confirm(request, *, title, message, feedback):
    return TemplateResponse(
        request,
        "marketplace/admin/confirm.html",
        {"page_title": title, "header_icon": "comment", "message": message, "feedback": feedback},
    )


def feedback_restore(request, pk):
    _moderator_only(request.user)
    feedback = get_object_or_404(Feedback.objects.select_related("pilot"), pk=pk)
    if request.method != "POST":
        return _confirm(
            request,
            title=_("Show feedback again"),
            message=_("Show this feedback again?"),
            feedback=feedback,
        )
    services.feedback_restore(feedback=feedback, by=request.user)
    messages.success(request, _("Feedback shown again; its reports were cleared."))
    return redirect("pilot_feedback:index")


def feedback_dismiss(request, pk):
    _moderator_only(request.user)
    feedback = get_object_or_404(Feedback.objects.select_related("pilot"), pk=pk)
    if request.method != "POST":
        return _confirm(
            request,
            title=_("Dismiss reports"),
            message=_("Keep this feedback visible and clear its reports?"),
            feedback=feedback,
        )
    services.feedback_dismiss_reports(feedback=feedback, by=request.user)
    messages.success(request, _("Reports dismissed; the feedback stays visible."))
    return redirect("pilot_feedback:index")


def offering_edit_decide(request, pk):
    if not rules.can_manage_offerings(request.user):
        raise PermissionDenied
    edit = get_object_or_404(
        OfferingEditProposal.objects.select_related("offering", "proposed_by"), pk=pk
    )
    if request.method == "POST":
        approve = request.POST.get("decision") == "approve"
        try:
            services.offering_edit_decide(
                edit=edit,
                by=request.user,
                approve=approve,
                note=request.POST.get("note", "")[:2000],
            )
        except (services.MarketplaceError, ValidationError) as error:
            messages.error(request, getattr(error, "message", None) or "; ".join(error.messages))
        else:
            messages.success(request, _("Changes applied.") if approve else _("Proposal rejected."))
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
            "page_title": _("Proposed changes: %s") % edit.offering,
            "header_icon": "edit",
            "edit": edit,
            "rows": rows,
        },
    )


def dashboard(request):
    if not rules.can_view_dashboard(request.user):
        raise PermissionDenied
    funnels = selectors.challenge_funnels()
    step_labels = dict(funnel_labels())
    for funnel in funnels:
        funnel["rows"] = [(step_labels[step], count) for step, count in funnel["steps"]]
        funnel["chart"] = bar_chart(
            chart_id=f"funnel-{funnel['id']}",
            title=_("Funnel: %s") % funnel["title"],
            desc=", ".join(f"{label}: {count}" for label, count in funnel["rows"]),
            bars=funnel["rows"],
        )
    stages = selectors.pilots_by_stage()
    stage_rows = [(str(label), count) for _value, label, count in stages]
    behind = selectors.indicators_behind_target()
    months = selectors.feedback_by_month()
    month_rows = [(date_format(m["month"], "YEAR_MONTH_FORMAT"), m["count"]) for m in months]
    return TemplateResponse(
        request,
        "marketplace/admin/dashboard.html",
        {
            "page_title": _("Tori dashboard"),
            "header_icon": "table",
            "funnels": funnels,
            "stage_rows": stage_rows,
            "stage_chart": bar_chart(
                chart_id="stages",
                title=_("Pilots by stage"),
                desc=", ".join(f"{label}: {count}" for label, count in stage_rows),
                bars=stage_rows,
            ),
            "behind": behind,
            "months": months,
            "month_chart": bar_chart(
                chart_id="feedback-months",
                title=_("Feedback per month"),
                desc=", ".join(f"{label}: {count}" for label, count in month_rows),
                bars=month_rows,
            ),
            "feedback_url": reverse("pilot_feedback:index"),
        },
    )


def funnel_labels():
    return [
        ("submitted", pgettext("funnel step", "Submitted")),
        ("public", pgettext("funnel step", "Public")),
        ("voted", _("Voted")),
        ("shortlisted", pgettext("funnel step", "Shortlisted")),
        ("selected", pgettext("funnel step", "Selected")),
        ("piloted", _("Piloted")),
        ("offered", _("Offered")),
    ]
