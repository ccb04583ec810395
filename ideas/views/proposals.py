"""Proposal pages: detail (public and team view), start, edit, submit, withdraw, history,
diff, the partner's own proposals and attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.models import ChallengePage
from partners.channels import Channel
from partners.models import Organisation
from partners.pagination import page_or_404

from .. import rules
from ..forms import (
    AttachmentForm,
    CommentForm,
    CoverForm,
    ProposalForm,
    SubmitForm,
    WithdrawForm,
)
from ..models import ProposalAttachment
from ..rules import confidential as confidential_rules
from ..rules import proposals as proposal_rules
from ..selectors import proposals as proposal_selectors
from ..selectors.proposals import public_decision
from ..services import attachments as attachment_services
from ..services import proposals as proposal_services
from .lookups import team_area_or_404, visible_proposal_or_404


def proposal_detail(request, pk):
    proposal = visible_proposal_or_404(request, pk, for_page=True)
    return render_proposal_page(request, proposal)


def render_proposal_page(request, proposal, *, attachment_form=None, cover_form=None, status=200):
    """The proposal's page; a refused attachment or cover upload comes back with its form and
    the errors by the field."""
    user = request.user
    team_view = proposal_rules.can_view_team_area(user, proposal)
    comments = list(proposal_selectors.comments_for(proposal=proposal, include_team=team_view))
    for comment in [*comments, *(reply for c in comments for reply in c.replies.all())]:
        comment.reportable = proposal_rules.can_report_comment(user, comment)
    can_public = proposal_rules.can_comment_publicly(user, proposal)
    can_team = proposal_rules.can_comment_team_only(user, proposal)
    confidential = confidential_rules.can_view_confidential_parts(user, proposal)
    attachments = list(proposal.attachments.all())
    must_accept = confidential_rules.must_accept_terms_to_view_confidential(user, proposal)
    # The terms matter to the team and the evaluators only: nobody else pays their query.
    terms = (
        confidential_rules.current_terms(proposal.challenge)
        if team_view or confidential or must_accept
        else None
    )
    context = {
        "proposal": proposal,
        "team_view": team_view,
        "team": proposal.team.all(),
        "attachments": [a for a in attachments if confidential or not a.confidential],
        "confidential": confidential,
        "terms": terms,
        "evaluator_must_accept_terms": must_accept,
        "team_must_accept_terms": team_view
        and confidential_rules.can_accept_terms_for_team(user, proposal)
        and confidential_rules.must_team_accept_again(proposal),
        "official_answers": proposal.official_answers.all(),
        "decision": public_decision(proposal),
        "status_changes": proposal.status_changes.all() if team_view else (),
        "comments": comments,
        "can_comment_public": can_public,
        "can_comment_team": can_team,
        "comment_form": CommentForm(initial={"visibility": "public" if can_public else "team"}),
        "can_edit": proposal_rules.can_edit_proposal(user, proposal),
        "can_submit": proposal_rules.can_submit(user, proposal),
        "can_withdraw": proposal_rules.can_withdraw(user, proposal),
        "can_manage_team": team_view and proposal_rules.can_manage_team(user, proposal),
        "proposals_open": proposal_rules.proposals_open(proposal.challenge),
        "submit_form": SubmitForm(
            consent_required=proposal.challenge.proposals_public, terms=terms
        ),
        "withdraw_form": WithdrawForm(),
        "attachment_form": attachment_form or AttachmentForm(),
        "attachments_left": max(0, _attachment_limit() - len(attachments)),
    }
    if context["can_edit"]:
        context["cover_form"] = cover_form or CoverForm(proposal=proposal)
    return render(request, "ideas/proposal_detail.html", context, status=status)


def _attachment_limit() -> int:
    from django.conf import settings

    return settings.TORI_ATTACHMENTS_PER_PROPOSAL


@login_required
def proposal_start(request, challenge_pk):
    challenge = get_object_or_404(ChallengePage.objects.live(), pk=challenge_pk)
    challenge = proposal_selectors.default_locale_challenge(challenge)
    decision = rules.can_start_proposal(request.user, challenge)
    if not decision:
        return render(
            request,
            "ideas/proposal_refused.html",
            {"challenge": challenge, "reason": decision.reason},
            status=403,
        )
    organisations = Organisation.objects.of_user(request.user).distinct().order_by("name")
    form = ProposalForm(
        request.POST or None,
        challenge=challenge,
        organisations=organisations,
        individual_allowed=proposal_rules.can_propose_as_individual(request.user, challenge),
        initial={"language": request.LANGUAGE_CODE[:2]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = proposal_services.proposal_start(
                user=request.user,
                challenge=challenge,
                organisation=data.get("organisation"),
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                customer_groups=data["customer_groups"],
                language=data["language"],
                translations=data["translations"],
                confidential_pricing=data["confidential_pricing"],
                confidential_details=data["confidential_details"],
                channel=Channel.WEB,
            )
        except proposal_services.ProposalError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your draft is saved. Submit it when it is ready."))
            return redirect(proposal)
    return render(
        request,
        "ideas/proposal_form.html",
        {"form": form, "challenge": challenge, "starting": True},
    )


@login_required
def proposal_edit(request, pk):
    proposal = visible_proposal_or_404(request, pk)
    if not proposal_rules.can_edit_proposal(request.user, proposal):
        messages.error(request, _("This proposal can no longer be edited."))
        return redirect(proposal)
    initial = {
        "title": proposal.title,
        "summary": proposal.summary,
        "body": proposal.body,
        "confidential_pricing": proposal.confidential_pricing,
        "confidential_details": proposal.confidential_details,
        "customer_groups": list(proposal.customer_groups.all()),
        "language": proposal.language,
        "translations": proposal.translations,
        "version": proposal.version,
    }
    form = ProposalForm(
        request.POST or None, challenge=proposal.challenge, initial=initial, editing=True
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal_services.proposal_update(
                proposal=proposal,
                by=request.user,
                expected_version=data.get("version") or 0,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                customer_groups=data["customer_groups"],
                language=data["language"],
                translations=data["translations"],
                confidential_pricing=data["confidential_pricing"],
                confidential_details=data["confidential_details"],
            )
        except proposal_services.StaleVersion as error:
            form.add_error(None, error.message)
            status = 409
        except proposal_services.ProposalError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Saved as version %(version)s.") % {"version": proposal.version}
            )
            return redirect(proposal)
    return render(
        request,
        "ideas/proposal_form.html",
        {"form": form, "challenge": proposal.challenge, "proposal": proposal, "starting": False},
        status=status,
    )


@login_required
@require_POST
def proposal_submit(request, pk):
    proposal = visible_proposal_or_404(request, pk)
    form = SubmitForm(
        request.POST,
        consent_required=proposal.challenge.proposals_public,
        terms=confidential_rules.current_terms(proposal.challenge),
    )
    if not form.is_valid():
        for field in ("publication_consent", "accept_terms"):
            for error in form.errors.get(field, []):
                messages.error(request, error)
        return redirect(proposal)
    try:
        proposal_services.proposal_submit(
            proposal=proposal,
            by=request.user,
            publication_consent=form.cleaned_data.get("publication_consent", False),
            accept_terms=form.cleaned_data.get("accept_terms", False),
            terms_version=form.cleaned_data.get("terms_version"),
        )
    except proposal_services.ProposalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your proposal is submitted."))
    return redirect(proposal)


@login_required
@require_POST
def proposal_withdraw(request, pk):
    proposal = visible_proposal_or_404(request, pk)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        proposal_services.proposal_withdraw(proposal=proposal, by=request.user, reason=reason)
    except proposal_services.ProposalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your proposal is withdrawn."))
    return redirect(proposal)


def proposal_history(request, pk):
    proposal = team_area_or_404(request, pk)
    revisions = list(proposal_selectors.revisions_of(proposal))
    return render(
        request, "ideas/proposal_history.html", {"proposal": proposal, "revisions": revisions}
    )


def proposal_diff(request, pk):
    proposal = team_area_or_404(request, pk)
    revisions = proposal_selectors.revisions_of(proposal)
    try:
        a = int(request.GET.get("from", ""))
        b = int(request.GET.get("to", ""))
    except ValueError:
        messages.error(request, _("Choose two versions to compare."))
        return redirect("ideas:proposal-history", pk=proposal.pk)
    old = revisions.filter(version=min(a, b)).first()
    new = revisions.filter(version=max(a, b)).first()
    if old is None or new is None:
        raise Http404
    return render(
        request,
        "ideas/proposal_diff.html",
        {
            "proposal": proposal,
            "old": old,
            "new": new,
            "diff": proposal_selectors.revision_diff(old, new),
        },
    )


@login_required
def my_proposals(request):
    paginator = Paginator(proposal_selectors.proposals_of_user(request.user), 20)
    page = page_or_404(paginator, request)
    return render(
        request,
        "ideas/my_proposals.html",
        {
            "page_obj": page,
            "proposals": page.object_list,
            "open_challenge_count": proposal_selectors.challenges_open_for_proposals().count(),
        },
    )


@login_required
@require_POST
def attachment_upload(request, pk):
    proposal = visible_proposal_or_404(request, pk, for_page=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = attachment_services.attachment_add(
                proposal=proposal,
                by=request.user,
                upload=form.cleaned_data["file"],
                confidential=form.cleaned_data["confidential"],
            )
        except proposal_services.ProposalError as error:
            if not proposal_rules.can_edit_proposal(request.user, proposal):
                messages.error(request, error.message)  # the page shows no upload form
                return redirect(proposal)
            form.add_error("file", error.message)
        else:
            messages.success(request, _("Attached %(name)s.") % {"name": attachment.original_name})
            return redirect(proposal)
    return render_proposal_page(request, proposal, attachment_form=form)


def attachment_download(request, pk, attachment_pk):
    proposal = visible_proposal_or_404(request, pk)
    attachment = get_object_or_404(ProposalAttachment, pk=attachment_pk, proposal=proposal)
    if not confidential_rules.can_download_attachment(request.user, proposal, attachment):
        raise Http404  # a confidential attachment is looked for like a missing one
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    proposal = visible_proposal_or_404(request, pk)
    attachment = get_object_or_404(ProposalAttachment, pk=attachment_pk, proposal=proposal)
    try:
        attachment_services.attachment_delete(attachment=attachment, by=request.user)
    except proposal_services.ProposalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Attachment removed."))
    return redirect(proposal)


urlpatterns = [
    path("proposals/mine/", my_proposals, name="my-proposals"),
    path("challenges/<int:challenge_pk>/propose/", proposal_start, name="proposal-start"),
    path("proposals/<int:pk>/", proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/edit/", proposal_edit, name="proposal-edit"),
    path("proposals/<int:pk>/submit/", proposal_submit, name="proposal-submit"),
    path("proposals/<int:pk>/withdraw/", proposal_withdraw, name="proposal-withdraw"),
    path("proposals/<int:pk>/history/", proposal_history, name="proposal-history"),
    path("proposals/<int:pk>/diff/", proposal_diff, name="proposal-diff"),
    path("proposals/<int:pk>/attachments/", attachment_upload, name="attachment-upload"),
    path(
        "proposals/<int:pk>/attachments/<int:attachment_pk>/",
        attachment_download,
        name="attachment-download",
    ),
    path(
        "proposals/<int:pk>/attachments/<int:attachment_pk>/delete/",
        attachment_delete,
        name="attachment-delete",
    ),
]
