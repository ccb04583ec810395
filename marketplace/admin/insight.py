"""Staff analytics of a challenge's votes and a pilot's feedback and testers by customer group
and channel. Staff see the same suppressed figures as the public ("–" = fewer than 5 people):
no one sees who belongs to which group."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton

from cms.charts import bar_chart
from cms.models import ChallengePage
from marketplace import rules
from marketplace.models import Pilot
from marketplace.services import breakdowns


@hooks.register("register_admin_urls")
def register_breakdown_urls():
    return [
        path(
            "marketplace/breakdown/challenge/<int:challenge_pk>/",
            challenge_breakdown,
            name="marketplace_challenge_breakdown",
        ),
        path(
            "marketplace/breakdown/pilot/<int:pilot_pk>/",
            pilot_breakdown,
            name="marketplace_pilot_breakdown",
        ),
    ]


def breakdown_header_buttons(pilot: Pilot) -> list[HeaderButton]:
    return [
        HeaderButton(
            _("By customer group"),
            url=reverse("marketplace_pilot_breakdown", args=[pilot.pk]),
            icon_name="table",
            priority=40,
        )
    ]


def _section(key: str, heading: str, breakdown, caption: str) -> dict:
    """One table with its chart of the months (visible months only)."""
    months = [
        (date_format(month, "YEAR_MONTH_FORMAT"), cell.count)
        for month, cell in breakdown.series
        if not cell.hidden
    ]
    return {
        "key": key,
        "heading": heading,
        "breakdown": breakdown,
        "caption": caption,
        "chart": bar_chart(
            chart_id=f"breakdown-{key}",
            title=gettext("%s by month") % heading,
            desc=", ".join(f"{label}: {count}" for label, count in months),
            bars=months,
        ),
    }


def _render(request, title: str, sections: list[dict]):
    if not rules.can_view_breakdowns(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "marketplace/admin/breakdown.html",
        {"page_title": title, "header_icon": "table", "sections": sections},
    )


def challenge_breakdown(request, challenge_pk):
    if not rules.can_view_breakdowns(request.user):
        raise PermissionDenied
    challenge = get_object_or_404(ChallengePage, pk=challenge_pk).specific
    section = _section(
        "votes",
        gettext("Voters"),
        breakdowns.challenge_votes(challenge),
        gettext("Voters by customer group and channel"),
    )
    return _render(request, gettext("By customer group: %s") % challenge.title, [section])


def pilot_breakdown(request, pilot_pk):
    if not rules.can_view_breakdowns(request.user):
        raise PermissionDenied
    pilot = get_object_or_404(Pilot, pk=pilot_pk)
    sections = [
        _section(
            "feedback",
            gettext("Feedback"),
            breakdowns.pilot_feedback(pilot),
            gettext("People who gave feedback, by customer group and channel"),
        ),
        _section(
            "testers",
            gettext("Testers"),
            breakdowns.pilot_testers(pilot),
            gettext("Testers by customer group and channel"),
        ),
    ]
    return _render(request, gettext("By customer group: %s") % pilot.title, sections)
