"""The evaluator's workspace on the public site: /<lang>/evaluation/…

Anyone who is not an evaluator assigned to the challenge, or outside its evaluation phase,
gets 404 — the same answer as for a page that does not exist."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cms.models import ChallengePage
from partners import rules as partner_rules

from ..models import Proposal
from ..rules import confidential as confidential_rules
from ..rules import reviews as rules
from ..selectors import reviews as selectors
from ..services import reviews as services

SCORE_CHOICES = [(value, str(value)) for value in range(1, 6)]


class ReviewForm(forms.Form):
    """One 1–5 radio group per criterion and a comment. Drafts may leave criteria unscored."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Your reasoning, for the other evaluators and staff."),
    )
    comment_for_team = forms.CharField(
        label=_("Comment for the team"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown to the proposal's team without your name once the decisions are published."
            " Write it for the team: what was strong and what could be better."
        ),
    )

    def __init__(self, *args, criteria, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.submitting = submitting
        scores = {}
        for criterion in criteria:
            help_text = _("Weight %(weight)s. 1 = poor, 5 = excellent.") % {
                "weight": criterion.weight
            }
            if criterion.description:
                help_text = f"{criterion.description} {help_text}"
            scores[self.field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.name,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=help_text,
                error_messages={"invalid_choice": _("Choose a score from 1 to 5.")},
            )
        self.fields = {
            **scores,
            "comment": self.fields["comment"],
            "comment_for_team": self.fields["comment_for_team"],
        }

    @staticmethod
    def field_name(criterion) -> str:
        return f"criterion_{criterion.pk}"

    def score_fields(self):
        return [self[self.field_name(criterion)] for criterion in self.criteria]

    def clean(self):
        data = super().clean()
        if self.submitting:
            for criterion in self.criteria:
                name = self.field_name(criterion)
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Score this criterion before submitting."))
        return data

    def scores(self) -> dict:
        return {
            criterion.pk: self.cleaned_data.get(self.field_name(criterion))
            for criterion in self.criteria
        }


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the conflict of interest"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: I work for one of the organisations on the team."),
        error_messages={"required": _("Say briefly why you have a conflict of interest.")},
    )


def _challenge_for(request, challenge_id) -> ChallengePage:
    challenge = get_object_or_404(ChallengePage, pk=challenge_id)
    if not rules.can_use_workspace(request.user, challenge):
        raise Http404
    return challenge


def _proposal_for(request, challenge, pk) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related("lead_organisation"), pk=pk, challenge=challenge
    )
    proposal.challenge = challenge
    if not rules.can_open_in_workspace(request.user, proposal):
        raise Http404
    return proposal


def evaluation_index(request):
    """An evaluator's challenges: the ones in evaluation link to their workspaces."""
    if not partner_rules.is_evaluator(request.user):
        raise Http404
    challenges = list(selectors.assigned_challenges(evaluator=request.user))
    return render(
        request,
        "ideas/evaluation/index.html",
        {"challenges": challenges, "open": [c for c in challenges if rules.is_in_evaluation(c)]},
    )


def workspace(request, challenge_id):
    """The challenge's proposals and this evaluator's review state on each. Read only: a
    conflict that memberships show is shown as one, and recorded when the evaluator acts."""
    challenge = _challenge_for(request, challenge_id)
    proposals = selectors.workspace_proposals(challenge=challenge, evaluator=request.user)
    return render(
        request, "ideas/evaluation/workspace.html", {"challenge": challenge, "proposals": proposals}
    )


def _initial(review) -> dict:
    initial = {
        "comment": review.comment if review else "",
        "comment_for_team": review.comment_for_team if review else "",
    }
    if review:
        for score in review.scores.all():
            initial[f"criterion_{score.criterion_id}"] = score.score
    return initial


def _declared(user, proposal, own) -> bool:
    """The evaluator's own review records a conflict of interest."""
    return own is not None and rules.has_declared_conflict(user, proposal, own)


def _render_review(
    request, *, challenge, proposal, criteria, own, form=None, conflict_form=None, status=200
):
    declared = _declared(request.user, proposal, own)
    conflict = declared or rules.has_membership_conflict(request.user, proposal)
    if not conflict:
        form = form or ReviewForm(criteria=criteria, initial=_initial(own))
        conflict_form = conflict_form or ConflictForm()
    show_others = not conflict and rules.can_see_other_reviews(request.user, proposal, own)
    confidential = confidential_rules.can_view_confidential_parts(request.user, proposal)
    return render(
        request,
        "ideas/evaluation/review.html",
        {
            "challenge": challenge,
            "proposal": proposal,
            "criteria": criteria,
            "review": own,
            "conflict": conflict,
            "conflict_reason": own.conflict_reason if declared else services.AUTO_CONFLICT_REASON,
            "form": None if conflict else form,
            "conflict_form": None if conflict else conflict_form,
            "confidential": confidential,
            "terms": confidential_rules.current_terms(challenge),
            "evaluator_must_accept_terms": (
                confidential_rules.must_accept_terms_to_view_confidential(request.user, proposal)
            ),
            "attachments": [
                attachment
                for attachment in proposal.attachments.all()
                if confidential or not attachment.confidential
            ],
            "other_reviews": (
                selectors.other_reviews(proposal=proposal, evaluator=request.user)
                if show_others
                else None
            ),
        },
        status=status,
    )


def review(request, challenge_id, pk):
    """Read a proposal, score it (draft or submit), or see why one may not.

    GET only reads; a POST records the conflict that memberships show before refusing it."""
    challenge = _challenge_for(request, challenge_id)
    proposal = _proposal_for(request, challenge, pk)
    criteria = selectors.challenge_criteria(challenge=challenge)
    own = selectors.own_review(proposal=proposal, evaluator=request.user)
    context = {"challenge": challenge, "proposal": proposal, "criteria": criteria, "own": own}
    if request.method != "POST":
        return _render_review(request, **context)
    if not _declared(request.user, proposal, own):
        own = services.conflict_detect(evaluator=request.user, proposal=proposal) or own
    if _declared(request.user, proposal, own):
        messages.error(
            request,
            _("You declared a conflict of interest with this proposal and cannot score it."),
        )
        return redirect(request.path)
    submitting = "submit" in request.POST or (own is not None and own.is_submitted)
    form = ReviewForm(request.POST, criteria=criteria, submitting=submitting)
    if form.is_valid():
        try:
            saved = services.review_save(
                evaluator=request.user,
                proposal=proposal,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                comment_for_team=form.cleaned_data["comment_for_team"],
                submit=submitting,
            )
        except services.ReviewError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if saved.is_submitted:
                messages.success(
                    request,
                    _("Your review is submitted. You can change it until the evaluation ends."),
                )
            else:
                messages.success(
                    request, _("Your draft is saved. Submit it when every criterion is scored.")
                )
            return redirect(request.path)
    return _render_review(request, **context, form=form, status=400)


@require_POST
def declare_conflict(request, challenge_id, pk):
    challenge = _challenge_for(request, challenge_id)
    proposal = _proposal_for(request, challenge, pk)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            services.conflict_declare(
                evaluator=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
            )
        except services.ReviewError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your conflict of interest is recorded. You will not score this proposal."),
            )
        return redirect("ideas:evaluation-review", challenge_id=challenge.pk, pk=proposal.pk)
    criteria = selectors.challenge_criteria(challenge=challenge)
    own = selectors.own_review(proposal=proposal, evaluator=request.user)
    return _render_review(
        request,
        challenge=challenge,
        proposal=proposal,
        criteria=criteria,
        own=own,
        conflict_form=form,
        status=400,
    )


urlpatterns = [
    path("evaluation/", evaluation_index, name="evaluation-index"),
    path("evaluation/<int:challenge_id>/", workspace, name="evaluation-workspace"),
    path("evaluation/<int:challenge_id>/proposals/<int:pk>/", review, name="evaluation-review"),
    path(
        "evaluation/<int:challenge_id>/proposals/<int:pk>/conflict/",
        declare_conflict,
        name="evaluation-conflict",
    ),
]
