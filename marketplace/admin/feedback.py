"""Feedback moderation in the Wagtail admin: the listing, hide, restore, dismiss reports."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from marketplace import rules
from marketplace.admin.actions import ActionOnlyViewSetMixin
from marketplace.forms import FeedbackHideForm
from marketplace.models import (
    Feedback,
    Pilot,
)
from marketplace.services import feedback as feedback_services
from partners.channels import Channel


class FeedbackFilterSet(WagtailFilterSet):
    reported = django_filters.BooleanFilter(label=_("Reported"), method="filter_reported")
    hidden = django_filters.BooleanFilter(
        label=_("Hidden"), field_name="hidden_at", lookup_expr="isnull", exclude=True
    )
    pilot = django_filters.ModelChoiceFilter(queryset=Pilot.objects.all(), label=_("Pilot"))
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)

    class Meta:
        model = Feedback
        fields = ["reported", "hidden", "pilot", "channel"]

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
        Column("channel", label=_("Channel"), accessor="channel_label"),
        Column("report_count", label=pgettext_lazy("content reports", "Reports")),
        "hidden_reason",
        "updated_at",
    ]
    list_export = [
        "id",
        "pilot",
        "rating",
        "comment",
        "channel",
        "entered_by_staff",
        "created_at",
        "updated_at",
    ]
    export_headings = {"entered_by_staff": _("Entered by staff")}
    export_filename = "pilot-feedback"
    form_fields = ["comment"]  # no add or edit views: see get_urlpatterns
    inspect_view_enabled = True

    def action_urlpatterns(self):
        return [
            path("hide/<int:pk>/", feedback_hide, name="hide"),
            path("restore/<int:pk>/", feedback_restore, name="restore"),
            path("dismiss/<int:pk>/", feedback_dismiss, name="dismiss"),
        ]


def _moderator_only(user):
    if not rules.can_moderate_feedback(user):
        raise PermissionDenied


def feedback_hide(request, pk):
    _moderator_only(request.user)
    feedback = get_object_or_404(Feedback.objects.select_related("pilot", "user"), pk=pk)
    form = FeedbackHideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_services.feedback_hide(
                feedback=feedback, by=request.user, reason=form.cleaned_data["reason"]
            )
        except (feedback_services.FeedbackError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", str(error)))
        else:
            messages.success(request, gettext("Feedback hidden."))
            return redirect("pilot_feedback:index")
    return TemplateResponse(
        request,
        "marketplace/admin/feedback_hide.html",
        {
            "page_title": gettext("Hide feedback"),
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
            title=gettext("Show feedback again"),
            message=gettext("Show this feedback again?"),
            feedback=feedback,
        )
    feedback_services.feedback_restore(feedback=feedback, by=request.user)
    messages.success(request, gettext("Feedback shown again; its reports were cleared."))
    return redirect("pilot_feedback:index")


def feedback_dismiss(request, pk):
    _moderator_only(request.user)
    feedback = get_object_or_404(Feedback.objects.select_related("pilot"), pk=pk)
    if request.method != "POST":
        return _confirm(
            request,
            title=gettext("Dismiss reports"),
            message=gettext("Keep this feedback visible and clear its reports?"),
            feedback=feedback,
        )
    feedback_services.feedback_dismiss_reports(feedback=feedback, by=request.user)
    messages.success(request, gettext("Reports dismissed; the feedback stays visible."))
    return redirect("pilot_feedback:index")
