"""Wagtail admin for proposals (filters, search, CSV/XLSX export, change status with a
reason) and the comment moderation queue (reported comments, hide with a reason).
Registered from ideas/wagtail_hooks.py, which imports this module."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy

from cms.localize import ItemChoiceFilter, originals
from cms.models import ChallengePage
from partners import rules as partner_rules
from partners.admin_access import RulePermissionPolicy
from partners.admin_display import LocalizedExportMixin
from partners.channels import Channel
from partners.models import Organisation

from ..forms import HideCommentForm, StatusChangeForm
from ..models import Comment, Proposal, ProposalStatus
from ..rules import proposals as proposal_rules
from ..services import comments as comment_services
from ..services import proposals as proposal_services
from ..services.workflow import TransitionError, staff_moves_from
from .answers import OfficialAnswerView

register_permission_policy(
    Proposal,
    RulePermissionPolicy(
        Proposal, predicate=partner_rules.is_staff_member, actions={"view", "change"}
    ),
)
register_permission_policy(
    Comment,
    RulePermissionPolicy(Comment, predicate=partner_rules.is_moderator, actions={"view", "change"}),
)


# --- proposals ---------------------------------------------------------------------------

INDIVIDUAL = "individual"
LEAD_KINDS = {**dict(Organisation.Kind.choices), INDIVIDUAL: _("Individual's idea")}


class ProposalFilterSet(WagtailFilterSet):
    challenge = ItemChoiceFilter(
        label=_("Challenge"),
        queryset=lambda request: originals(ChallengePage.objects.all()),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProposalStatus.choices)
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Lead organisation kind"),
        choices=[*Organisation.Kind.choices, (INDIVIDUAL, LEAD_KINDS[INDIVIDUAL])],
        method="filter_organisation_kind",
    )
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)

    class Meta:
        model = Proposal
        fields = ["challenge", "status", "channel"]

    def filter_organisation_kind(self, queryset, name, value):
        if value == INDIVIDUAL:
            return queryset.filter(lead_organisation__isnull=True)
        return queryset.filter(lead_organisation__kind=value)


class ProposalIndexView(LocalizedExportMixin, generic.IndexView):
    custom_field_preprocess = {
        "lead_organisation_kind": {
            fmt: (lambda value: str(LEAD_KINDS.get(value, value)))
            for fmt in LocalizedExportMixin.FORMATS
        }
    }

    def get_base_queryset(self):
        # The export's kind column: the lead organisation's kind, "individual" for an
        # individual's idea (which has no lead organisation to follow).
        return (
            super()
            .get_base_queryset()
            .select_related("challenge", "lead_organisation")
            .annotate(
                lead_organisation_kind=Coalesce(
                    "lead_organisation__kind", Value(INDIVIDUAL), output_field=CharField()
                )
            )
        )

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if staff_moves_from(instance.status):
            buttons.insert(
                0,
                ListingButton(
                    _("Change status"),
                    url=reverse("ideas_proposal:change_status", args=[instance.pk]),
                    icon_name="edit",
                    priority=5,
                ),
            )
        if proposal_rules.can_post_official_answer(self.request.user, instance):
            buttons.append(
                ListingButton(
                    _("Official answer"),
                    url=reverse("ideas_proposal:answer", args=[instance.pk]),
                    icon_name="comment",
                    priority=6,
                ),
            )
        return buttons


class ChangeStatusView(WagtailAdminTemplateMixin, FormView):
    """Staff move a proposal to shortlisted, selected or declined, with a reason."""

    template_name = "ideas/admin/change_status.html"
    form_class = StatusChangeForm
    page_title = _("Change status")
    header_icon = "doc-full"

    def dispatch(self, request, pk):
        if not proposal_rules.can_change_status(request.user):
            raise PermissionDenied
        self.proposal = get_object_or_404(
            Proposal.objects.select_related("challenge", "lead_organisation"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.proposal.title

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("ideas_proposal:index"), "label": _("Proposals")},
            {"url": "", "label": self.proposal.title},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["choices"] = [
            (value, ProposalStatus(value).label) for value in staff_moves_from(self.proposal.status)
        ]
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposal"] = self.proposal
        context["status_changes"] = self.proposal.status_changes.select_related(
            "changed_by"
        ).order_by("created_at")
        context["no_moves"] = not staff_moves_from(self.proposal.status)
        return context

    def form_valid(self, form):
        try:
            proposal_services.staff_change_status(
                proposal=self.proposal,
                by=self.request.user,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
                public_reason=form.cleaned_data["public_reason"],
            )
        except (proposal_services.ProposalError, TransitionError) as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(title)s” is now %(status)s.")
            % {"title": self.proposal.title, "status": self.proposal.get_status_display()},
        )
        return redirect("ideas_proposal:index")


class ProposalViewSet(ModelViewSet):
    model = Proposal
    icon = "doc-full"
    menu_label = _("Proposals")
    index_view_class = ProposalIndexView
    filterset_class = ProposalFilterSet
    search_fields = ["title", "summary", "lead_organisation__name"]
    search_backend_name = None
    list_display = [
        "title",
        Column("challenge", label=_("Challenge"), accessor="challenge_title"),
        Column("lead_organisation", label=_("Lead")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("vote_count", label=_("Votes")),
        Column("channel", label=_("Channel"), accessor="get_channel_display"),
        Column("submitted_at", label=pgettext_lazy("proposal status", "Submitted")),
    ]
    list_export = [
        "id",
        "title",
        "challenge_title",
        "lead_organisation",
        "lead_organisation_kind",
        "status",
        "publication_consent",
        "vote_count",
        "channel",
        "entered_by_staff",
        "submitted_at",
        "updated_at",
    ]
    export_headings = {
        "challenge_title": _("Challenge"),
        "lead_organisation_kind": _("Lead organisation kind"),
        "lead_organisation": _("Lead organisation"),
        "entered_by_staff": _("Entered by staff"),
    }
    export_filename = "proposals"
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["title", "summary", "body"]

    @property
    def change_status_view(self):
        return ChangeStatusView.as_view()

    @property
    def edit_view(self):
        # Staff never edit a team's text here (it would bypass revisions): "edit" is the
        # status decision.
        return self.change_status_view

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("status/<int:pk>/", self.change_status_view, name="change_status"),
            path("answer/<int:pk>/", OfficialAnswerView.as_view(), name="answer"),
        ]


# --- comment moderation ----------------------------------------------------------------------


class ModerationQueueView(generic.IndexView):
    """Reported comments not yet hidden: the moderation queue."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(report_count__gt=0, hidden_at__isnull=True)
            .select_related("author", "proposal")
            .order_by("-report_count", "created_at")
        )

    def get_list_buttons(self, instance):
        return [
            ListingButton(
                _("Review and hide"),
                url=reverse("ideas_moderation:hide", args=[instance.pk]),
                icon_name="warning",
                priority=5,
            )
        ]


class ModerationFilterSet(WagtailFilterSet):
    proposal__challenge = ItemChoiceFilter(
        label=_("Challenge"),
        queryset=lambda request: originals(ChallengePage.objects.all()),
    )

    class Meta:
        model = Comment
        fields = ["visibility", "channel"]


class HideCommentView(WagtailAdminTemplateMixin, FormView):
    template_name = "ideas/admin/hide_comment.html"
    form_class = HideCommentForm
    page_title = _("Moderate a comment")
    header_icon = "warning"

    def dispatch(self, request, pk):
        if not proposal_rules.can_moderate(request.user):
            raise PermissionDenied
        self.comment = get_object_or_404(
            Comment.objects.select_related("author", "proposal"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("ideas_moderation:index"), "label": _("Moderation queue")},
            {"url": "", "label": str(self.comment)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comment"] = self.comment
        context["reports"] = self.comment.reports.select_related("reporter").order_by("created_at")
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "dismiss":
            comment_services.comment_dismiss_reports(comment=self.comment, by=request.user)
            messages.success(request, _("The reports were dismissed; the comment stays visible."))
            return redirect("ideas_moderation:index")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            comment_services.comment_hide(
                comment=self.comment, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except proposal_services.ProposalError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The comment is hidden and its author told why."))
        return redirect("ideas_moderation:index")


class CommentModerationViewSet(ModelViewSet):
    model = Comment
    name = "ideas_moderation"
    icon = "warning"
    menu_label = _("Moderation queue")
    index_view_class = ModerationQueueView
    filterset_class = ModerationFilterSet
    search_fields = ["body"]
    search_backend_name = None
    copy_view_enabled = False
    list_display = [
        "__str__",
        Column("proposal", label=_("Proposal")),
        Column("author", label=_("Author")),
        Column("report_count", label=pgettext_lazy("content reports", "Reports")),
        Column("channel", label=_("Channel"), accessor="get_channel_display"),
        Column("created_at", label=_("Posted")),
    ]
    form_fields = ["body"]

    @property
    def hide_view(self):
        return HideCommentView.as_view()

    @property
    def edit_view(self):
        # Moderators do not rewrite residents' words: "edit" is the hide decision.
        return self.hide_view

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("hide/<int:pk>/", self.hide_view, name="hide")]


class ProposalsGroup(ViewSetGroup):
    menu_label = _("Proposals")
    menu_icon = "doc-full"
    menu_order = 300
    items = (
        ProposalViewSet(name="ideas_proposal"),
        CommentModerationViewSet(name="ideas_moderation"),
    )


@hooks.register("register_admin_viewset")
def register_proposal_admin():
    return ProposalsGroup()
