"""Notifications about requests to join a team, through the one notification machinery
(`partners.notifications.notify`: the in-app centre and each person's e-mail choice).

The team hears of a new request; the requesting organisation's members hear the answer. A
request concerns a draft, so what the requesting side reads names the lead and the challenge,
never the draft's title, until the organisation is on the team."""

from django.utils.translation import gettext_lazy as _

from partners.models import User
from partners.notifications import Kind, notify

from .notices import _challenge_title, _lang, _tell_team, _title, _url


def lead_name(proposal) -> str:
    if proposal.lead_organisation_id:
        return proposal.lead_organisation.name
    return str(_("an individual author"))


def join_requested(*, join_request) -> None:
    """Every team member (but the requester, who is not on it) hears of the request."""
    proposal = join_request.proposal
    _tell_team(
        proposal,
        except_user_id=join_request.requested_by_id,
        kind=Kind.INVITATION,
        subject=_("%(organisation)s asks to join the team of “%(title)s”"),
        body=_(
            "%(person)s asks for %(organisation)s to join the team developing “%(title)s”. "
            "Their message:\n\n%(message)s\n\nThe lead accepts or declines on the team page."
        ),
        params={
            "organisation": join_request.organisation.name,
            "person": join_request.requested_by.display_name if join_request.requested_by else "",
            "title": _title(proposal),
            "message": join_request.message[:1000],
        },
        url_name="ideas:proposal-team",
        anchor="#join-requests",
    )


def join_request_answered(*, join_request, by) -> None:
    """The members of the requesting organisation hear whether the team accepted."""
    proposal = join_request.proposal
    accepted = join_request.status == join_request.Status.ACCEPTED
    params = {
        "organisation": join_request.organisation.name,
        "lead": lead_name(proposal),
        "challenge": _challenge_title(proposal.challenge),
    }
    if accepted:
        subject = _("%(organisation)s is now on the team of %(lead)s")
        body = _(
            "The team of %(lead)s accepted the request: %(organisation)s co-develops its "
            "proposal for the challenge “%(challenge)s”."
        )
    else:
        subject = _("The team of %(lead)s declined the request of %(organisation)s")
        body = _(
            "The team of %(lead)s, making a proposal for the challenge “%(challenge)s”, "
            "declined the request of %(organisation)s to join it."
        )
    members = User.objects.filter(
        memberships__organisation=join_request.organisation,
        is_active=True,
        email_verified_at__isnull=False,
    ).distinct()
    for user in members:
        if user.pk == by.pk:
            continue
        if accepted:
            url = _url(_lang(user), "ideas:proposal-detail", pk=proposal.pk)
        else:
            url = _url(_lang(user), "ideas:partner-search")
        notify(
            recipient=user, kind=Kind.INVITATION, subject=subject, body=body, params=params, url=url
        )
