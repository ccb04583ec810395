"""What a visitor, a resident and a partner can do on a challenge right now, and until when.

Built from the phase rules in `cms.rules`, so the page says what the server will allow."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import rules
from .phases import Phase


@dataclass(frozen=True)
class Action:
    text: str
    until: datetime | None = None


@dataclass(frozen=True)
class RoleActions:
    role: str
    label: str
    actions: list[Action]


def actions_now(challenge, now: datetime | None = None) -> list[RoleActions]:
    now = now or timezone.now()
    phase = challenge.phase_at(now)
    visitor = [Action(_("Read the challenge and its schedule."))]
    resident: list[Action] = []
    partner: list[Action] = []

    if phase == Phase.UPCOMING:
        opens = challenge.proposals_open
        visitor.append(Action(_("Register to take part before proposals open."), opens))
        if challenge.individuals_may_submit:
            resident.append(Action(_("Prepare your idea: submissions open soon."), opens))
        partner.append(
            Action(_("Prepare a proposal and gather your team: submissions open soon."), opens)
        )
    elif phase == Phase.PROPOSALS:
        closes = challenge.proposals_close
        visitor.append(Action(_("Register to submit an idea or a proposal."), closes))
        if rules.accepts_individual_ideas(challenge, now):
            resident.append(Action(_("Submit your own idea."), closes))
        else:
            resident.append(
                Action(
                    _("Follow the challenge: this challenge takes proposals from organisations."),
                    closes,
                )
            )
        partner.append(
            Action(_("Submit a proposal for your organisation and invite co-developers."), closes)
        )
        partner.append(Action(_("Edit or withdraw your team's proposal."), closes))
    elif phase == Phase.VOTING:
        if rules.accepts_votes(challenge, now):
            closes = challenge.voting_close
            visitor.append(Action(_("Read the public proposals; sign in to vote."), closes))
            if challenge.votes_per_resident:
                text = ngettext(
                    "Vote for the proposal you like most (%(count)d vote).",
                    "Vote for the proposals you like (up to %(count)d votes).",
                    challenge.votes_per_resident,
                ) % {"count": challenge.votes_per_resident}
                resident.append(Action(text, closes))
            else:
                resident.append(Action(_("Vote for the proposals you like."), closes))
            resident.append(Action(_("Comment on public proposals."), closes))
        else:
            opens = challenge.voting_open
            visitor.append(Action(_("Read the public proposals: voting opens soon."), opens))
            resident.append(Action(_("Get ready to vote: voting opens soon."), opens))
        partner.append(
            Action(
                _("Answer comments on your proposal. You cannot vote for your own proposal."),
                challenge.voting_close,
            )
        )
    elif phase == Phase.EVALUATION:
        ends = challenge.evaluation_end
        visitor.append(Action(_("The jury is evaluating the proposals; results follow."), ends))
        resident.append(
            Action(_("Read the public proposals and comments while the jury evaluates."), ends)
        )
        partner.append(Action(_("Wait for the decision: the jury is scoring the proposals."), ends))
    elif phase == Phase.PILOTING:
        ends = challenge.pilots_end
        visitor.append(Action(_("Follow the pilots and their results."), ends))
        resident.append(Action(_("Try the pilots and give feedback."), ends))
        partner.append(Action(_("Report your pilot's progress and measurements."), ends))
    else:
        visitor.append(Action(_("Read the results and the services that were piloted.")))
        resident.append(
            Action(_("The challenge has ended. Find proven services in the catalogue."))
        )
        partner.append(Action(_("Offer your proven service to other cities in the catalogue.")))

    return [
        RoleActions("visitor", _("Visitor"), visitor),
        RoleActions("resident", _("Resident"), resident or [Action(_("Nothing to do yet."))]),
        RoleActions("partner", _("Partner organisation"), partner),
    ]
