"""Overdue decisions in the Wagtail admin: submitted proposals still without a decision after
their challenge's due time (`decisions_due`, or the end of evaluation), the longest overdue
first, filtered by challenge. Staff decide from each challenge's ranking."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms.localize import ItemChoiceFilter, originals
from cms.models import ChallengePage

from ..models import Proposal
from ..rules import reviews as review_rules
from ..selectors import response_times as selectors


class OverdueFilterSet(django_filters.FilterSet):
    challenge = ItemChoiceFilter(
        label=_("Challenge"), queryset=originals(ChallengePage.objects.all())
    )

    class Meta:
        model = Proposal
        fields = ["challenge"]


def overdue_decisions(request):
    if not review_rules.can_view_overdue_decisions(request.user):
        raise PermissionDenied
    now = timezone.now()
    filters = OverdueFilterSet(request.GET or None, queryset=selectors.overdue_proposals(now=now))
    proposals = list(filters.qs if filters.is_valid() else filters.queryset)
    for proposal in proposals:
        proposal.days_overdue = (now - proposal.due_at).days
    return TemplateResponse(
        request,
        "ideas/evaluation/admin_overdue.html",
        {
            "proposals": proposals,
            "filter_form": filters.form,
            "page_title": _("Overdue decisions"),
            "header_title": _("Overdue decisions"),
            "header_icon": "time",
        },
    )


@hooks.register("register_admin_urls")
def register_urls():
    return [path("evaluation/overdue/", overdue_decisions, name="ideas_evaluation_overdue")]
