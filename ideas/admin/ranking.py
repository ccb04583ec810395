"""The ranking per challenge in the Wagtail admin, its CSV export and staff decisions (one or
many proposals at once), with the evaluation menu and the page header button."""

import csv
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets.button import Button

from cms.localize import localized, originals
from cms.models import ChallengePage

from ..forms import PUBLIC_REASON_HELP
from ..models import Proposal, ProposalStatus
from ..rules import reviews as review_rules
from ..selectors import reviews as review_selectors
from ..services.reviews import ReviewError, decide
from .reviews import assignment_viewset, review_viewset
from .terms import acceptance_viewset, terms_viewset

DECIMALS = Decimal("0.001")


def fmt(value) -> str:
    """A number for the CSV: '.' as the decimal separator, three decimals; empty for none."""
    if value is None:
        return ""
    return str(Decimal(value).quantize(DECIMALS, rounding=ROUND_HALF_UP))


class SortForm(forms.Form):
    sort = forms.ChoiceField(required=False)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = [
            (key, key) for key in review_selectors.sort_choices(criteria)
        ]

    def sort_key(self) -> str:
        if self.is_valid() and self.cleaned_data["sort"]:
            return self.cleaned_data["sort"]
        return "rank"


class DecisionForm(forms.Form):
    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals"),
        queryset=Proposal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one proposal in the table.")},
    )
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(s.value, s.label) for s in review_rules.DECISION_STATUSES],
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Sent to the team with the decision and shown to the team only. Required; the same "
            "reason goes to every proposal chosen."
        ),
    )
    public_reason = forms.CharField(
        label=_("Public reason (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=PUBLIC_REASON_HELP,
    )

    def __init__(self, *args, challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = Proposal.objects.filter(
            challenge=challenge, status__in=review_rules.REVIEWABLE_STATUSES
        )


def _staff_only(request):
    if not review_rules.can_view_ranking(request.user):
        raise PermissionDenied


def evaluation_index(request):
    _staff_only(request)
    challenges = (
        originals(ChallengePage.objects.all())
        .annotate(
            submitted_count=Count(
                "proposals",
                filter=Q(proposals__status__in=review_rules.REVIEWABLE_STATUSES),
                distinct=True,
            ),
            evaluator_count=Count("evaluator_assignments", distinct=True),
        )
        .order_by("-evaluation_end")
    )
    return TemplateResponse(
        request,
        "ideas/evaluation/admin_index.html",
        {
            "challenges": challenges,
            "page_title": _("Evaluation"),
            "header_title": _("Evaluation"),
            "header_icon": "list-ol",
        },
    )


def ranking_view(request, challenge_id):
    _staff_only(request)
    challenge = get_object_or_404(ChallengePage, pk=challenge_id)
    criteria = review_selectors.challenge_criteria(challenge=challenge)
    decision_form = DecisionForm(challenge=challenge)
    if request.method == "POST":
        decision_form = DecisionForm(request.POST, challenge=challenge)
        if decision_form.is_valid():
            data = decision_form.cleaned_data
            try:
                changes = decide(
                    proposals=data["proposals"],
                    to_status=data["status"],
                    by=request.user,
                    reason=data["reason"],
                    public_reason=data["public_reason"],
                )
            except ReviewError as error:
                field = error.field if error.field in decision_form.fields else None
                decision_form.add_error(field, error.message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d proposal is now %(status)s; its team is told.",
                        "%(count)d proposals are now %(status)s; their teams are told.",
                        len(changes),
                    )
                    % {"count": len(changes), "status": ProposalStatus(data["status"]).label},
                )
                return redirect(request.get_full_path())

    sort_form = SortForm(request.GET, criteria=criteria)
    sort = sort_form.sort_key()
    rows = review_selectors.sort_rows(
        review_selectors.ranking(challenge=challenge, criteria=criteria), sort
    )

    if request.GET.get("format") == "csv":
        return ranking_csv(challenge=challenge, criteria=criteria, rows=rows)

    selected_ids = {str(pk) for pk in decision_form["proposals"].value() or []}
    columns = [
        ("rank", _("Rank")),
        ("title", _("Proposal")),
        ("status", _("Status")),
        ("reviews", _("Reviews")),
        *((f"criterion-{c.pk}", c.name) for c in criteria),
        ("weighted", _("Weighted mean (1–5)")),
        ("votes", _("Resident votes")),
        ("blended", _("Blended score (0–1)")),
    ]
    headers = [
        {
            "key": key,
            "label": label,
            "url": "?sort=" + _next_sort(key, sort),
            "order": "ascending" if sort == key else "descending" if sort == f"-{key}" else "",
        }
        for key, label in columns
    ]
    return TemplateResponse(
        request,
        "ideas/evaluation/admin_ranking.html",
        {
            "challenge": challenge,
            "criteria": criteria,
            "rows": rows,
            "headers": headers,
            "sort": sort,
            "vote_weight": challenge.resident_vote_weight,
            "jury_weight": 1 - challenge.resident_vote_weight,
            "decision_form": decision_form,
            "selected_ids": selected_ids,
            "csv_url": f"?sort={sort}&format=csv",
            "page_title": _("Ranking"),
            "page_subtitle": localized(challenge).title,
            "header_title": _("Ranking: %(title)s") % {"title": localized(challenge).title},
            "header_icon": "list-ol",
        },
    )


def _next_sort(key: str, current: str) -> str:
    """A header link toggles its column; numbers sort highest first on the first click."""
    if current == key:
        return f"-{key}"
    if current == f"-{key}":
        return key
    return key if key in ("rank", "title", "status") else f"-{key}"


def ranking_csv(*, challenge, criteria, rows) -> HttpResponse:
    """The ranking as CSV: UTF-8 with a byte-order mark (Excel), ',' between fields and '.' as
    the decimal separator whatever the interface language."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="ranking-{slugify(challenge.slug) or challenge.pk}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            str(_("Rank")),
            str(_("Proposal ID")),
            str(_("Proposal")),
            str(_("Status")),
            str(_("Lead organisation")),
            str(_("Submitted reviews")),
            *(
                str(_("Mean: %(name)s (weight %(weight)s)") % {"name": c.name, "weight": c.weight})
                for c in criteria
            ),
            str(_("Weighted mean (1–5)")),
            str(_("Jury score (0–1)")),
            str(_("Resident votes")),
            str(_("Votes scaled (0–1)")),
            str(_("Blended score (0–1)")),
        ]
    )
    for row in rows:
        proposal = row.proposal
        writer.writerow(
            [
                row.rank,
                proposal.pk,
                proposal.title,
                proposal.get_status_display(),
                str(proposal.lead_organisation or ""),
                row.review_count,
                *(fmt(mean) for mean in row.criterion_list),
                fmt(row.weighted_mean),
                fmt(row.jury),
                row.votes,
                fmt(row.votes_scaled),
                fmt(row.blended),
            ]
        )
    return response


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("evaluation/", evaluation_index, name="ideas_evaluation_index"),
        path("evaluation/<int:challenge_id>/", ranking_view, name="ideas_evaluation_ranking"),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return review_rules.can_view_ranking(request.user)


@hooks.register("register_admin_menu_item")
def register_menu():
    submenu = Menu(
        items=[
            StaffMenuItem(
                _("Ranking"), reverse("ideas_evaluation_index"), icon_name="list-ol", order=100
            ),
            StaffMenuItem(
                _("Overdue decisions"),
                reverse("ideas_evaluation_overdue"),
                icon_name="time",
                order=150,
            ),
            StaffMenuItem(
                _("Evaluator assignments"),
                reverse(assignment_viewset.get_url_name("index")),
                icon_name="group",
                order=200,
            ),
            StaffMenuItem(
                _("Reviews"),
                reverse(review_viewset.get_url_name("index")),
                icon_name="form",
                order=300,
            ),
            StaffMenuItem(
                _("Terms"),
                reverse(terms_viewset.get_url_name("index")),
                icon_name="doc-full-inverse",
                order=400,
            ),
            StaffMenuItem(
                _("Terms acceptances"),
                reverse(acceptance_viewset.get_url_name("index")),
                icon_name="tick",
                order=500,
            ),
        ]
    )
    return StaffSubmenu(_("Evaluation"), submenu, icon_name="list-ol", name="evaluation", order=350)


class StaffSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return review_rules.can_view_ranking(request.user)


@hooks.register("register_page_header_buttons")
def ranking_button(page, user, view_name, next_url=None):
    if page.specific_class is ChallengePage and review_rules.can_view_ranking(user):
        yield Button(
            _("Evaluation ranking"),
            reverse("ideas_evaluation_ranking", args=[page.pk]),
            icon_name="list-ol",
            priority=80,
        )
