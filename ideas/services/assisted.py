"""Votes, ideas and comments staff enter on a person's behalf: given by phone or in person,
entered with the person's consent, on the person's own account (`partners.services.assisted`).

Each entry goes through the same service as the person's own would, so every rule holds (the
voting window, one vote per proposal, the votes' limit, who may comment, the challenge's
terms). It records the channel (staff-assisted), the staff member and the consent, writes the
audit log with the person's name, and tells the person at once what was entered, with a link to
it (and, for a new account, how to choose a password)."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from partners.channels import Channel
from partners.notice_models import Notification
from partners.notifications import notify
from partners.services.assisted import person_for_entry

from ..models import CommentVisibility, Proposal
from ..selectors.proposals import default_locale_challenge
from . import comments as comment_services
from . import proposals as proposal_services
from . import votes as vote_services

ENTERED_ON_BEHALF_ACTION = "tori.entered_on_behalf"
ASSISTED = {"channel": Channel.ASSISTED, "entry_consent": True}


def _language(person) -> str:
    return person.preferred_language or settings.LANGUAGE_CODE


def _link(person, name: str, **kwargs) -> str:
    with translation.override(_language(person)):
        return reverse(name, kwargs=kwargs)


def _entered(entry, *, by, person, created: bool, what: str, subject, body, params, url):
    """The audit log entry (naming the person and the staff member) and the person's notice
    of what was entered (always e-mailed at once; a new account is told how to sign in)."""
    log(
        instance=entry,
        action=ENTERED_ON_BEHALF_ACTION,
        user=by,
        data={"person": person.display_name, "person_id": person.pk, "what": what},
    )
    if created:
        body = format_lazy(
            "{}\n\n{}",
            body,
            _(
                "We opened a Tori account for you with this e-mail address. To sign in, "
                "choose a password on the page “Forgot your password?”."
            ),
        )
    notify(
        recipient=person,
        kind=Notification.Kind.ON_BEHALF,
        subject=subject,
        body=body,
        params=params,
        url=url,
    )


def vote_on_behalf(*, by, proposal: Proposal, email, name="", language="fi", consent=False):
    """Cast the person's vote for `proposal`; (outcome, person). Voting again answers
    ALREADY_VOTED and changes nothing."""
    with transaction.atomic():
        person, created = person_for_entry(
            by=by, email=email, name=name, language=language, consent=consent
        )
        outcome = vote_services.vote_cast(user=person, proposal=proposal, entered_by=by, **ASSISTED)
        if outcome is vote_services.Outcome.CAST:
            _entered(
                proposal,
                by=by,
                person=person,
                created=created,
                what="vote",
                subject=_("Your vote was entered on Tori"),
                body=_(
                    "As you asked, city staff entered your vote for the proposal “%(title)s”. "
                    "You can see and withdraw your votes in Tori while voting is open."
                ),
                params={"title": lambda lang: proposal.text("title", lang)},
                url=_link(person, "ideas:my-votes"),
            )
    return outcome, person


def comment_on_behalf(
    *, by, proposal: Proposal, body: str, email, name="", language="fi", consent=False
):
    """Post the person's public comment on `proposal`; (comment, person)."""
    with transaction.atomic():
        person, created = person_for_entry(
            by=by, email=email, name=name, language=language, consent=consent
        )
        comment = comment_services.comment_post(
            proposal=proposal,
            author=person,
            body=body,
            visibility=CommentVisibility.PUBLIC,
            entered_by=by,
            **ASSISTED,
        )
        _entered(
            comment,
            by=by,
            person=person,
            created=created,
            what="comment",
            subject=_("Your comment was entered on Tori"),
            body=_(
                "As you asked, city staff entered your comment on the proposal “%(title)s”. "
                "It is shown under your name."
            ),
            params={"title": lambda lang: proposal.text("title", lang)},
            url=_link(person, "ideas:proposal-detail", pk=proposal.pk) + f"#comment-{comment.pk}",
        )
    return comment, person


def idea_on_behalf(
    *,
    by,
    challenge,
    title: str,
    summary: str,
    body: str = "",
    customer_groups=(),
    idea_language="fi",
    publication_consent=False,
    accept_terms=False,
    terms_version=None,
    email,
    name="",
    language="fi",
    consent=False,
):
    """Start and submit the person's own idea (a proposal from an individual); (idea, person).
    The person consents to publication and accepts the terms as they would on the web."""
    challenge = default_locale_challenge(challenge)
    with transaction.atomic():
        person, created = person_for_entry(
            by=by, email=email, name=name, language=language, consent=consent
        )
        idea = proposal_services.proposal_start(
            user=person,
            challenge=challenge,
            organisation=None,
            title=title,
            summary=summary,
            body=body,
            customer_groups=customer_groups,
            language=idea_language,
            entered_by=by,
            **ASSISTED,
        )
        proposal_services.proposal_submit(
            proposal=idea,
            by=person,
            publication_consent=publication_consent,
            accept_terms=accept_terms,
            terms_version=terms_version,
        )
        _entered(
            idea,
            by=by,
            person=person,
            created=created,
            what="idea",
            subject=_("Your idea was entered on Tori"),
            body=_(
                "As you asked, city staff entered and submitted your idea “%(title)s” for the "
                "challenge. You can follow what becomes of it in Tori."
            ),
            params={"title": title},
            url=_link(person, "ideas:proposal-detail", pk=idea.pk),
        )
    return idea, person
