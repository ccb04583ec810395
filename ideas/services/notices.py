"""Notifications about proposals: what the team, invitees and comment authors are told.

Texts are lazy translations rendered by `partners.notifications` in each recipient's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.localize import localized
from partners import notices as following
from partners.models import NoticeEvent
from partners.notices import Announcement, Audience, publish
from partners.notifications import Kind, notify, send_email

from ..models import ProposalStatus
from ..selectors.proposals import team_users


def _url(language: str | None, name: str, **kwargs) -> str:
    with translation.override(language or translation.get_language()):
        return reverse(name, kwargs=kwargs)


def register_followables() -> None:
    """Proposals can be followed by those who may see them."""
    from ..models import Proposal
    from ..rules.proposals import can_view_proposal

    following.register(
        Proposal,
        can_view=can_view_proposal,
        title=lambda proposal, language: proposal.text("title", language),
        path=lambda proposal, language: _url(language, "ideas:proposal-detail", pk=proposal.pk),
        label=_("Proposal"),
    )


def _lang(user) -> str:
    return getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE


def _title(proposal):
    """The proposal's title in the language a notice is rendered in."""
    return lambda language: proposal.text("title", language)


def _challenge_title(challenge):
    """The challenge's title in the language a notice is rendered in (its translation)."""

    def title(language):
        with translation.override(language):
            return localized(challenge).title

    return title


def _tell_team(
    proposal, *, except_user_id, kind, subject, body, params, url_name, anchor=""
) -> None:
    """Notify every team member but the one who acted, each in their own language."""
    for user in team_users(proposal):
        if user.pk == except_user_id:
            continue
        notify(
            recipient=user,
            kind=kind,
            subject=subject,
            body=body,
            params=params,
            url=_url(_lang(user), url_name, pk=proposal.pk) + anchor,
        )


def invitation_sent(*, invitation, token: str, invitee=None) -> None:
    proposal = invitation.proposal
    params = {
        "inviter": invitation.invited_by.display_name if invitation.invited_by else "Tori",
        "title": _title(proposal),
        "challenge": _challenge_title(proposal.challenge),
    }
    subject = _("You are invited to develop “%(title)s” on Tori")
    body = _(
        "%(inviter)s invites you to join the team developing the proposal “%(title)s” for the "
        "challenge “%(challenge)s”. Open the link to accept or decline. The link works once."
    )
    if invitee is not None:
        notify(
            recipient=invitee,
            kind=Kind.INVITATION,
            subject=subject,
            body=body,
            params=params,
            url=_url(_lang(invitee), "ideas:invitation", token=token),
        )
    else:
        language = settings.LANGUAGE_CODE
        send_email(
            to=invitation.email,
            subject=subject,
            body=body,
            params=params,
            language=language,
            url=_url(language, "ideas:invitation", token=token),
        )


# Decisions followers hear of; submitting and withdrawing concern the team only.
DECISION_EVENTS = {
    ProposalStatus.SHORTLISTED: NoticeEvent.Kind.SHORTLISTED,
    ProposalStatus.SELECTED: NoticeEvent.Kind.SELECTED,
    ProposalStatus.DECLINED: NoticeEvent.Kind.DECLINED,
}

FOLLOWER_DECISION_TEXTS = {
    ProposalStatus.SHORTLISTED: (
        _("“%(title)s” is shortlisted"),
        _("The proposal “%(title)s” for the challenge “%(challenge)s” is shortlisted.%(reason)s"),
    ),
    ProposalStatus.SELECTED: (
        _("“%(title)s” is selected"),
        _("The proposal “%(title)s” for the challenge “%(challenge)s” is selected.%(reason)s"),
    ),
    ProposalStatus.DECLINED: (
        _("“%(title)s” is declined"),
        _("The proposal “%(title)s” for the challenge “%(challenge)s” is declined.%(reason)s"),
    ),
}


def _public_reason(text: str):
    """The public reason as a sentence after the decision, in the notice's language."""
    if not text:
        return ""

    def sentence(language):
        with translation.override(language):
            return " " + str(_("Reason: %(reason)s")) % {"reason": text}

    return sentence


def _proposal_path(proposal, anchor=""):
    return lambda language: _url(language, "ideas:proposal-detail", pk=proposal.pk) + anchor


def _team_audience(proposal, subject, body, *, params, kind=Kind.STATUS_CHANGE) -> Audience:
    return Audience(
        users=team_users(proposal), subject=subject, body=body, kind=kind, params=params
    )


def status_changed(*, changes) -> None:
    """Tell the team of each change (who, from, to, why) and, for decisions, the people who
    follow the proposal or its challenge (with the public reason) — all in one publication,
    so a bulk decision gives each person one e-mail."""
    announcements = []
    for change in changes:
        proposal = change.proposal
        params = {
            "title": _title(proposal),
            "challenge": _challenge_title(proposal.challenge),
            "from": ProposalStatus(change.from_status).label,
            "to": ProposalStatus(change.to_status).label,
            "reason": change.reason or "–",
        }
        team = _team_audience(
            proposal,
            _("Your proposal “%(title)s” is now: %(to)s"),
            _("The status of “%(title)s” changed from %(from)s to %(to)s. Reason: %(reason)s"),
            params=params,
        )
        kind = DECISION_EVENTS.get(change.to_status)
        subject, body = FOLLOWER_DECISION_TEXTS.get(change.to_status, (team.subject, team.body))
        announcements.append(
            Announcement(
                key=f"status-change:{change.pk}",
                kind=kind or NoticeEvent.Kind.STATUS,
                subject=proposal,
                about=[proposal, proposal.challenge] if kind else [],
                title=subject,
                body=body,
                params={**params, "reason": _public_reason(change.public_reason)},
                path=_proposal_path(proposal),
                group=proposal.challenge,
                group_title=_challenge_title(proposal.challenge),
                audiences=[team],
                except_user_id=change.changed_by_id,
            )
        )
    publish(announcements)


def official_answer_posted(*, answer) -> None:
    """The team and the proposal's followers hear of the city's answer, in their language."""
    proposal = answer.proposal
    params = {
        "title": _title(proposal),
        "answer": lambda language: answer.text("body", language)[:1000],
    }
    subject = _("The city answered “%(title)s”")
    body = _("The city's answer to the proposal “%(title)s”:\n\n%(answer)s")
    publish(
        [
            Announcement(
                key=f"answer:{answer.pk}",
                kind=NoticeEvent.Kind.ANSWER,
                subject=proposal,
                about=[proposal],
                title=subject,
                body=body,
                params=params,
                path=_proposal_path(proposal, f"#answer-{answer.pk}"),
                group=proposal.challenge,
                group_title=_challenge_title(proposal.challenge),
                audiences=[
                    _team_audience(proposal, subject, body, params=params, kind=Kind.STATUS_CHANGE)
                ],
                except_user_id=answer.author_id,
            )
        ]
    )


def on_status_changed(sender, changes, **kwargs) -> None:
    status_changed(changes=changes)


def comment_posted(*, comment) -> None:
    """Tell the team (except the author) about a new comment on their proposal."""
    proposal = comment.proposal
    params = {
        "title": _title(proposal),
        "author": comment.author.display_name if comment.author else "",
        "text": comment.body[:500],
    }
    _tell_team(
        proposal,
        except_user_id=comment.author_id,
        kind=Kind.COMMENT,
        subject=_("New comment on your proposal “%(title)s”"),
        body=_("%(author)s commented on “%(title)s”:\n\n%(text)s"),
        params=params,
        url_name="ideas:proposal-detail",
        anchor=f"#comment-{comment.pk}",
    )


def comment_hidden(*, comment) -> None:
    if comment.author is None:
        return
    author = comment.author
    notify(
        recipient=author,
        kind=Kind.MODERATION,
        subject=_("A moderator removed your comment"),
        body=_("A moderator removed your comment on “%(title)s”. Reason: %(reason)s"),
        params={"title": _title(comment.proposal), "reason": comment.hidden_reason},
        url=_url(_lang(author), "ideas:proposal-detail", pk=comment.proposal_id),
    )


def organisation_invited(*, invitation, owners) -> None:
    """Tell the owners of an organisation picked from the directory that the team invites it."""
    proposal = invitation.proposal
    params = {
        "inviter": invitation.invited_by.display_name if invitation.invited_by else "Tori",
        "organisation": invitation.organisation.name,
        "title": _title(proposal),
        "challenge": _challenge_title(proposal.challenge),
    }
    for owner in owners:
        notify(
            recipient=owner,
            kind=Kind.INVITATION,
            subject=_("%(organisation)s is invited to develop “%(title)s” on Tori"),
            body=_(
                "%(inviter)s invites %(organisation)s to join the team developing the proposal "
                "“%(title)s” for the challenge “%(challenge)s”. As an owner of the "
                "organisation you can accept or decline for it."
            ),
            params=params,
            url=_url(
                _lang(owner),
                "ideas:organisation-invitation",
                pk=proposal.pk,
                invitation_pk=invitation.pk,
            ),
        )


def organisation_invitation_answered(*, invitation, by) -> None:
    """Tell the team (but the owner who answered) whether the organisation accepted."""
    proposal = invitation.proposal
    accepted = invitation.status == invitation.Status.ACCEPTED
    params = {"organisation": invitation.organisation.name, "title": _title(proposal)}
    if accepted:
        subject = _("%(organisation)s joined the team of “%(title)s”")
        body = _("%(organisation)s accepted the invitation and is now on the team of “%(title)s”.")
    else:
        subject = _("%(organisation)s declined to join “%(title)s”")
        body = _("%(organisation)s declined the invitation to the team of “%(title)s”.")
    _tell_team(
        proposal,
        except_user_id=by.pk,
        kind=Kind.INVITATION,
        subject=subject,
        body=body,
        params=params,
        url_name="ideas:proposal-team",
    )
