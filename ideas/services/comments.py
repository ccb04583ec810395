"""Writes about comments: posting (public or team-only, one level of replies), reporting,
hiding by a moderator."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners import notices as following
from partners import rules as partner_rules
from partners.channels import Channel

from .. import rules
from ..models import Comment, CommentReport, CommentVisibility
from . import notices
from .proposals import ProposalError


def comment_post(
    *,
    proposal,
    author,
    body: str,
    visibility: str = CommentVisibility.PUBLIC,
    parent=None,
    channel: str = Channel.WEB,
    entered_by=None,
    entry_consent: bool = False,
) -> Comment:
    body = (body or "").strip()
    if not body:
        raise ProposalError(_("Write a comment first."))
    if parent is not None:
        if parent.proposal_id != proposal.pk:
            raise ProposalError(_("You can only reply to a comment on the same proposal."))
        if parent.parent_id is not None:
            parent = parent.parent  # one level of replies: answer the thread
        visibility = parent.visibility  # a reply is as visible as its thread
    if visibility == CommentVisibility.TEAM:
        allowed = rules.proposals.can_comment_team_only(author, proposal)
    else:
        allowed = rules.proposals.can_comment_publicly(author, proposal)
    if not allowed:
        raise ProposalError(_("You cannot comment here."))
    with transaction.atomic():
        comment = Comment.objects.create(
            proposal=proposal,
            parent=parent,
            author=author,
            body=body,
            visibility=visibility,
            by_staff=partner_rules.is_staff_member(author),
            channel=channel,
            entered_by=entered_by,
            entry_consent=entry_consent,
        )
        following.follow_automatically(author, proposal)
        transaction.on_commit(lambda: notices.comment_posted(comment=comment))
    return comment


def comment_report(*, comment: Comment, reporter, reason: str = "") -> CommentReport:
    if not rules.proposals.can_report_comment(reporter, comment):
        raise ProposalError(_("You cannot report this comment."))
    try:
        with transaction.atomic():
            report = CommentReport.objects.create(
                comment=comment, reporter=reporter, reason=(reason or "").strip()
            )
            Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    except IntegrityError:
        raise ProposalError(_("You have already reported this comment.")) from None
    return report


def comment_hide(*, comment: Comment, by, reason: str) -> Comment:
    if not rules.proposals.can_moderate(by):
        raise ProposalError(_("Only moderators hide comments."))
    reason = (reason or "").strip()
    if not reason:
        raise ProposalError(_("Give the reason for hiding the comment."))
    if comment.is_hidden:
        raise ProposalError(_("This comment is already hidden."))
    with transaction.atomic():
        comment.hidden_at = timezone.now()
        comment.hidden_by = by
        comment.hidden_reason = reason
        comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        transaction.on_commit(lambda: notices.comment_hidden(comment=comment))
    return comment


def comment_dismiss_reports(*, comment: Comment, by) -> None:
    """A moderator keeps the comment: its reports are cleared from the queue."""
    if not rules.proposals.can_moderate(by):
        raise ProposalError(_("Only moderators handle reports."))
    with transaction.atomic():
        comment.reports.all().delete()
        Comment.objects.filter(pk=comment.pk).update(report_count=0)
