"""Comments: posting (rate-limited per user), replying, reporting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partners.channels import Channel
from partners.ratelimits import Limit, Retry, over_limit, too_many_requests

from ..forms import CommentForm, ReportForm
from ..models import Comment, CommentVisibility
from ..services import comments as comment_services
from ..services.proposals import ProposalError
from .lookups import visible_proposal_or_404

COMMENTS = Limit("ideas:comment-post", "TORI_COMMENT_RATE", "user")


@login_required
@require_POST
def comment_post(request, pk):
    proposal = visible_proposal_or_404(request, pk)
    form = CommentForm(request.POST)
    if (wait := over_limit(request, COMMENTS)) is not None:
        return too_many_requests(
            request,
            _("You are commenting too fast. Wait a minute, then post your comment again."),
            wait=wait,
            retry=Retry(form, _("Post comment")),
        )
    if not form.is_valid():
        return render(
            request, "ideas/comment_refused.html", {"proposal": proposal, "form": form}, status=400
        )
    data = form.cleaned_data
    parent = None
    if data.get("parent"):
        parent = Comment.objects.filter(pk=data["parent"], proposal=proposal).first()
    try:
        comment = comment_services.comment_post(
            proposal=proposal,
            author=request.user,
            body=data["body"],
            visibility=data.get("visibility") or CommentVisibility.PUBLIC,
            parent=parent,
            channel=Channel.WEB,
        )
    except ProposalError as error:
        return render(
            request,
            "ideas/comment_refused.html",
            {"proposal": proposal, "form": form, "message": error.message},
            status=403,
        )
    messages.success(request, _("Your comment is posted."))
    return redirect(comment.get_absolute_url())


@login_required
def comment_report(request, pk, comment_pk):
    proposal = visible_proposal_or_404(request, pk)
    comment = get_object_or_404(
        Comment.objects.select_related("author"), pk=comment_pk, proposal=proposal
    )
    if (
        comment.visibility == CommentVisibility.TEAM
        and not comment_services.rules.proposals.can_see_team_comments(request.user, proposal)
    ):
        raise_404()
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            comment_services.comment_report(
                comment=comment, reporter=request.user, reason=form.cleaned_data["reason"]
            )
        except ProposalError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you. A moderator will look at the comment."))
        return redirect(comment.get_absolute_url())
    return render(
        request,
        "ideas/comment_report.html",
        {"proposal": proposal, "comment": comment, "form": form},
    )


def raise_404():
    from django.http import Http404

    raise Http404


urlpatterns = [
    path("proposals/<int:pk>/comments/", comment_post, name="comment-post"),
    path(
        "proposals/<int:pk>/comments/<int:comment_pk>/report/",
        comment_report,
        name="comment-report",
    ),
]
