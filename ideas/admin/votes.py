"""Wagtail admin for votes (registered from ideas/wagtail_hooks.py): a vote overview, each
proposal's votes over time (an inline SVG chart with the same numbers as a table), voiding
the votes of a banned account (recorded in the audit log), and the frozen voting rules on the
challenge's admin form."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from cms.charts import column_chart

from ..models import Proposal, Vote
from ..rules.votes import (
    FROZEN_VOTE_FIELDS,
    can_manage_votes,
    challenge_has_votes,
    frozen_vote_rules_errors,
)
from ..selectors.votes import DayRow, proposal_votes_per_day, votes_by_channel
from ..services.votes import VOTES_VOIDED_ACTION, votes_void


class StaffVoteView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_votes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FindAccountForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the account to ban"))


class VotesIndexView(StaffVoteView):
    template_name = "ideas/admin/votes_index.html"
    page_title = gettext_lazy("Votes")

    def get_context_data(self, **kwargs):
        proposals = (
            Proposal.objects.filter(challenge__voting_open__isnull=False, vote_count__gt=0)
            .select_related("challenge")
            .order_by("-challenge__voting_close", "-vote_count", "submitted_at", "pk")
        )
        page = Paginator(proposals, 50).get_page(self.request.GET.get("p"))
        kwargs.setdefault("form", FindAccountForm())
        return super().get_context_data(page=page, **kwargs)

    def post(self, request):
        form = FindAccountForm(request.POST)
        if form.is_valid():
            account = (
                get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
            )
            if account:
                return redirect("ideas_votes:void", account.pk)
            form.add_error("email", _("No account has this e-mail address."))
        return self.render_to_response(self.get_context_data(form=form))


def vote_chart(days: list[DayRow]):
    """The live votes at the end of each day as columns (`cms.charts`); the page shows the same
    numbers in a table."""
    first, last = days[0], days[-1]
    desc = ngettext(
        "%(count)d day, %(first)s to %(last)s; live votes at the end: %(total)d.",
        "%(count)d days, %(first)s to %(last)s; live votes at the end: %(total)d.",
        len(days),
    ) % {
        "count": len(days),
        "first": date_format(first.day, "SHORT_DATE_FORMAT"),
        "last": date_format(last.day, "SHORT_DATE_FORMAT"),
        "total": last.total,
    }
    return column_chart(
        chart_id="vote-chart",
        title=_("Live votes at the end of each day"),
        desc=desc,
        points=[(row.day, row.total) for row in days],
    )


class ProposalVoteChartView(StaffVoteView):
    template_name = "ideas/admin/votes_chart.html"

    def get_context_data(self, **kwargs):
        self.proposal = get_object_or_404(
            Proposal.objects.select_related("challenge"), pk=self.kwargs["pk"]
        )
        days = proposal_votes_per_day(self.proposal)
        return super().get_context_data(
            proposal=self.proposal,
            days=days,
            chart=vote_chart(days) if days else "",
            live_votes=Vote.objects.filter(proposal=self.proposal).count(),
            by_channel=votes_by_channel(self.proposal),
            **kwargs,
        )

    def get_page_title(self):
        return _("Votes over time")

    def get_page_subtitle(self):
        return self.proposal.title


class VoidVotesView(StaffVoteView):
    template_name = "ideas/admin/votes_void_confirm.html"
    page_title = gettext_lazy("Ban account and void its votes")

    def get_context_data(self, **kwargs):
        account = get_object_or_404(get_user_model(), pk=self.kwargs["user_id"])
        now = timezone.now()
        open_votes = (
            Vote.objects.filter(user=account, challenge__voting_close__gt=now)
            .select_related("proposal", "challenge")
            .order_by("challenge_id", "proposal_id")
        )
        return super().get_context_data(account=account, open_votes=open_votes, **kwargs)

    def post(self, request, user_id):
        account = get_object_or_404(get_user_model(), pk=user_id)
        if account.pk == request.user.pk or account.is_superuser:
            messages.error(request, _("You cannot ban this account."))
            return redirect("ideas_votes:index")
        voided = votes_void(user=account, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(account)s was deactivated and %(count)d vote in open challenges was voided.",
                "%(account)s was deactivated and %(count)d votes in open challenges were voided.",
                voided,
            )
            % {"account": account, "count": voided},
        )
        return redirect("ideas_votes:index")


@hooks.register("register_admin_urls")
def register_vote_admin_urls():
    from django.urls import include

    urls = [
        path("", VotesIndexView.as_view(), name="index"),
        path("proposal/<int:pk>/", ProposalVoteChartView.as_view(), name="chart"),
        path("void/<int:user_id>/", VoidVotesView.as_view(), name="void"),
    ]
    return [path("votes/", include((urls, "ideas_votes"), namespace="ideas_votes"))]


class VotesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_votes(request.user)


@hooks.register("register_admin_menu_item")
def register_votes_menu_item():
    return VotesMenuItem(
        gettext_lazy("Votes"), reverse("ideas_votes:index"), icon_name="tasks", order=350
    )


@hooks.register("register_log_actions")
def register_vote_log_actions(actions):
    actions.register_action(
        VOTES_VOIDED_ACTION,
        gettext_lazy("Votes voided"),
        gettext_lazy("Account banned and its votes voided"),
    )


# --- Frozen voting rules on the challenge's admin form ----------------------------------------
#
# Once a challenge has a vote, its votes-per-resident limit and voting dates cannot change,
# except that the close date may be moved later. The rule is
# `ideas.rules.votes.frozen_vote_rules_errors`; these put it on a Wagtail page form (errors next
# to the fields, and help text saying why the fields are frozen).


def annotate_frozen_vote_rules(form) -> None:
    """Tell the editor up front why the voting fields are frozen."""
    instance = getattr(form, "instance", None)
    if instance is None or not challenge_has_votes(instance):
        return
    note = _("Frozen: this challenge already has votes.")
    for name in FROZEN_VOTE_FIELDS:
        if name in form.fields:
            extra = _("Only a later date is allowed.") if name == "voting_close" else ""
            field = form.fields[name]
            field.help_text = " ".join(str(part) for part in (field.help_text, note, extra) if part)


def clean_frozen_vote_rules(form) -> None:
    """Add the frozen-rule errors to the form's fields (call from the form's clean())."""
    instance = getattr(form, "instance", None)
    if instance is None:
        return
    new_values = {
        name: form.cleaned_data.get(name) for name in FROZEN_VOTE_FIELDS if name in form.fields
    }
    for name, message in frozen_vote_rules_errors(instance, new_values).items():
        form.add_error(name, message)


class FrozenVoteRulesFormMixin:
    """Mix into the ChallengePage admin form: `class ChallengePageForm(FrozenVoteRulesFormMixin,
    WagtailAdminPageForm)`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        annotate_frozen_vote_rules(self)

    def clean(self):
        cleaned_data = super().clean()
        clean_frozen_vote_rules(self)
        return cleaned_data


# The ChallengePage admin form (owned by cms) runs these hooks, so cms never imports ideas.
@hooks.register("tori_challenge_form_init")
def frozen_vote_rules_help(form):
    annotate_frozen_vote_rules(form)


@hooks.register("tori_challenge_form_clean")
def frozen_vote_rules_clean(form):
    clean_frozen_vote_rules(form)
