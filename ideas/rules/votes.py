"""Permission rules about votes: one function decides whether a user may vote, and why not.

Views, templates (the vote box), the API and the service all ask these functions.
"""

from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cms.phases import has_voting
from partners import rules as partner_rules

from ..models import Vote
from .proposals import is_team_member


class VoteRefusal(models.TextChoices):
    """Why a vote (or a withdrawal) is refused. Each reason has its own message."""

    NOT_SIGNED_IN = "not_signed_in", gettext_lazy("Not signed in")
    NOT_VERIFIED = "not_verified", gettext_lazy("E-mail address not verified")
    NO_VOTING = "no_voting", gettext_lazy("No voting in this challenge")
    NOT_OPEN_YET = "not_open_yet", gettext_lazy("Voting not open yet")
    CLOSED = "closed", gettext_lazy("Voting closed")
    NOT_PUBLIC = "not_public", gettext_lazy("Proposal not public")
    OWN_TEAM = "own_team", gettext_lazy("Own team's proposal")
    QUOTA_USED = "quota_used", gettext_lazy("All votes used")


@dataclass(frozen=True)
class VoteDecision:
    """The answer of a vote rule: allowed, or refused with a reason and its message.

    `message` is plain text in the active language; `html` may carry a link (e.g. to the
    "my votes" page to withdraw a vote) and is safe to render."""

    allowed: bool
    reason: str = ""
    message: str = ""
    html: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    def as_html(self):
        return self.html or format_html("{}", self.message)


ALLOWED = VoteDecision(True)


def _refused(reason: str, message: str, html: str = "") -> VoteDecision:
    return VoteDecision(False, reason, message, html)


def _localized(dt) -> str:
    return formats.date_format(timezone.localtime(dt), "DATETIME_FORMAT")


# --- small predicates --------------------------------------------------------------------


def is_voting_open(challenge, now=None) -> bool:
    """Votes are accepted from `voting_open` (inclusive) until `voting_close` (exclusive)."""
    if not has_voting(challenge):
        return False
    now = now or timezone.now()
    return challenge.voting_open <= now < challenge.voting_close


def is_voting_closed(challenge, now=None) -> bool:
    return has_voting(challenge) and (now or timezone.now()) >= challenge.voting_close


def votes_used(user, challenge) -> int:
    """The user's live votes in the challenge (the rows, not a counter)."""
    return Vote.objects.filter(user=user, challenge=challenge).count()


# --- the rules ---------------------------------------------------------------------------


def _identity_refusal(user) -> VoteDecision | None:
    if not partner_rules.is_signed_in(user):
        return _refused(VoteRefusal.NOT_SIGNED_IN, _("Sign in to vote."))
    if not partner_rules.is_verified(user):
        return _refused(
            VoteRefusal.NOT_VERIFIED,
            _("Verify your e-mail address to vote: follow the link we sent you."),
        )
    return None


def _schedule_refusal(challenge, now) -> VoteDecision | None:
    if not has_voting(challenge):
        return _refused(VoteRefusal.NO_VOTING, _("This challenge has no resident voting."))
    if now < challenge.voting_open:
        return _refused(
            VoteRefusal.NOT_OPEN_YET,
            _("Voting has not opened yet: it opens on %(date)s, and you can vote from then on.")
            % {"date": _localized(challenge.voting_open)},
        )
    if now >= challenge.voting_close:
        return _refused(
            VoteRefusal.CLOSED,
            _("Voting closed on %(date)s, so votes can no longer be cast.")
            % {"date": _localized(challenge.voting_close)},
        )
    return None


def quota_permission(challenge, *, used: int) -> VoteDecision:
    """May one more vote be cast in the challenge by someone who has `used` votes there?"""
    limit = challenge.votes_per_resident
    if limit and used >= limit:
        message = ngettext(
            "You have used your %(limit)d vote in this challenge. Withdraw it to vote for another proposal.",
            "You have used all %(limit)d votes in this challenge. Withdraw one to vote for another proposal.",
            limit,
        ) % {"limit": limit}
        html = format_html(
            '{} <a href="{}">{}</a>',
            message,
            reverse("ideas:my-votes"),
            _("See your votes"),
        )
        return _refused(VoteRefusal.QUOTA_USED, message, html)
    return ALLOWED


def vote_permission(user, proposal, *, now=None, check_quota: bool = True) -> VoteDecision:
    """May `user` cast a vote for `proposal` now? If not, the reason and its message.

    Checked in order: signed in, e-mail verified, the voting window, the proposal public,
    not the user's own team's proposal, the challenge's votes-per-resident limit.
    A user who has already voted for this proposal is allowed (voting again is a no-op)."""
    now = now or timezone.now()
    challenge = proposal.challenge
    for refusal in (_identity_refusal(user), _schedule_refusal(challenge, now)):
        if refusal is not None:
            return refusal
    if not proposal.is_public:
        return _refused(VoteRefusal.NOT_PUBLIC, _("Only public proposals can be voted for."))
    if is_team_member(user, proposal):
        return _refused(VoteRefusal.OWN_TEAM, _("You cannot vote for your own team's proposal."))
    if check_quota and challenge.votes_per_resident:
        if Vote.objects.filter(user=user, proposal=proposal).exists():
            return ALLOWED
        return quota_permission(challenge, used=votes_used(user, challenge))
    return ALLOWED


def withdraw_permission(user, proposal, *, now=None) -> VoteDecision:
    """May `user` withdraw their vote for `proposal` now? Only while voting is open."""
    now = now or timezone.now()
    refusal = _identity_refusal(user)
    if refusal is not None:
        return refusal
    challenge = proposal.challenge
    if not has_voting(challenge):
        return _refused(VoteRefusal.NO_VOTING, _("This challenge has no resident voting."))
    if now >= challenge.voting_close:
        return _refused(
            VoteRefusal.CLOSED,
            _("Voting closed on %(date)s, so votes can no longer be withdrawn.")
            % {"date": _localized(challenge.voting_close)},
        )
    return ALLOWED


def can_see_vote_counts(challenge, user=None, *, now=None) -> bool:
    """Counts are shown, except while voting is open in a challenge that hides them until it
    closes. Staff always see them."""
    if challenge.show_vote_counts_while_voting or not has_voting(challenge):
        return True
    if user is not None and partner_rules.is_staff_member(user):
        return True
    return is_voting_closed(challenge, now)


def can_manage_votes(user) -> bool:
    """Staff may see vote charts and void the votes of an account they ban."""
    return partner_rules.is_staff_member(user)


# --- frozen rules ------------------------------------------------------------------------

FROZEN_VOTE_FIELDS = ("votes_per_resident", "voting_open", "voting_close")


def challenge_has_votes(challenge) -> bool:
    return bool(challenge.pk) and Vote.objects.filter(challenge_id=challenge.pk).exists()


def _minute(dt):
    """The admin's date-time field has minute precision: compare at that precision."""
    return dt.replace(second=0, microsecond=0) if dt is not None else None


def frozen_vote_rules_errors(page, new_values: dict, *, old_values: dict | None = None) -> dict:
    """Errors (field name → message) for changes to a challenge's voting rules once it has a vote.

    After the first vote, the votes-per-resident limit and the voting dates are frozen; the
    only change allowed is extending the close date. `old_values` defaults to the saved row."""
    if not challenge_has_votes(page):
        return {}
    if old_values is None:
        old_values = type(page).objects.filter(pk=page.pk).values(*FROZEN_VOTE_FIELDS).first() or {}
    errors = {}
    old_open, new_open = (
        _minute(old_values.get("voting_open")),
        _minute(new_values.get("voting_open")),
    )
    why = _("This challenge already has votes, so its voting rules are frozen.")
    if "votes_per_resident" in new_values and new_values["votes_per_resident"] != old_values.get(
        "votes_per_resident"
    ):
        errors["votes_per_resident"] = "{} {}".format(
            why, _("The number of votes per resident cannot change.")
        )
    if "voting_open" in new_values and new_open != old_open:
        errors["voting_open"] = "{} {}".format(why, _("The opening date cannot change."))
    if "voting_close" in new_values:
        new_close, old_close = (
            _minute(new_values["voting_close"]),
            _minute(old_values.get("voting_close")),
        )
        if old_close is not None and (new_close is None or new_close < old_close):
            errors["voting_close"] = "{} {}".format(
                why, _("The close date can only be moved later (voting extended).")
            )
    return errors
