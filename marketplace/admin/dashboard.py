"""The staff dashboard: the funnel per challenge, pilots by stage, indicators behind target,
feedback over time."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.charts import bar_chart
from ideas.selectors.response_times import overdue_count
from marketplace import rules
from marketplace.selectors import dashboard as dashboard_selectors


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.can_view_dashboard(request.user)


@hooks.register("register_admin_urls")
def register_dashboard_url():
    return [path("marketplace/dashboard/", dashboard, name="marketplace_dashboard")]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Tori dashboard"), reverse("marketplace_dashboard"), icon_name="table", order=250
    )


def dashboard(request):
    if not rules.can_view_dashboard(request.user):
        raise PermissionDenied
    funnels = dashboard_selectors.challenge_funnels()
    step_labels = dict(funnel_labels())
    for funnel in funnels:
        funnel["rows"] = [(step_labels[step], count) for step, count in funnel["steps"]]
        funnel["chart"] = bar_chart(
            chart_id=f"funnel-{funnel['id']}",
            title=gettext("Funnel: %s") % funnel["title"],
            desc=", ".join(f"{label}: {count}" for label, count in funnel["rows"]),
            bars=funnel["rows"],
        )
    stages = dashboard_selectors.pilots_by_stage()
    stage_rows = [(str(label), count) for _value, label, count in stages]
    behind = dashboard_selectors.indicators_behind_target()
    months = dashboard_selectors.feedback_by_month()
    month_rows = [(date_format(m["month"], "YEAR_MONTH_FORMAT"), m["count"]) for m in months]
    return TemplateResponse(
        request,
        "marketplace/admin/dashboard.html",
        {
            "page_title": gettext("Tori dashboard"),
            "header_icon": "table",
            "funnels": funnels,
            "stage_rows": stage_rows,
            "stage_chart": bar_chart(
                chart_id="stages",
                title=gettext("Pilots by stage"),
                desc=", ".join(f"{label}: {count}" for label, count in stage_rows),
                bars=stage_rows,
            ),
            "behind": behind,
            "months": months,
            "month_chart": bar_chart(
                chart_id="feedback-months",
                title=gettext("Feedback per month"),
                desc=", ".join(f"{label}: {count}" for label, count in month_rows),
                bars=month_rows,
            ),
            "feedback_url": reverse("pilot_feedback:index"),
            "overdue_decisions": overdue_count(),
            "overdue_url": reverse("ideas_evaluation_overdue"),
        },
    )


def funnel_labels():
    return [
        ("submitted", pgettext("funnel step", "Submitted")),
        ("public", pgettext("funnel step", "Public")),
        ("voted", gettext("Voted")),
        ("shortlisted", pgettext("funnel step", "Shortlisted")),
        ("selected", pgettext("funnel step", "Selected")),
        ("piloted", gettext("Piloted")),
        ("offered", gettext("Offered")),
    ]
