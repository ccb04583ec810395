"""Notifications about proposals: what the team, invitees and comment authors are told.

Texts are lazy translations rendered by `partners.notifications` in each recipient's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.localize import localized
from partners.notifications import Kind, notify, send_email

from ..models import ProposalStatus
from ..selectors.proposals import team_users


def _url(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


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


def status_changed(*, change) -> None:
    """Tell every team member about a status change (who, from, to, why)."""
    proposal = change.proposal
    params = {
        "title": _title(proposal),
        "from": ProposalStatus(change.from_status).label,
        "to": ProposalStatus(change.to_status).label,
        "reason": change.reason or "–",
    }
    _tell_team(
        proposal,
        except_user_id=change.changed_by_id,
        kind=Kind.STATUS_CHANGE,
        subject=_("Your proposal “%(title)s” is now: %(to)s"),
        body=_("The status of “%(title)s” changed from %(from)s to %(to)s. Reason: %(reason)s"),
        params=params,
        url_name="ideas:proposal-detail",
    )


def on_status_changed(sender, change, **kwargs) -> None:
    status_changed(change=change)


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
