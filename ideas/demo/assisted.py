"""Demo entries staff made on people's behalf: the demo moderator entered, with consent, the
vote and the comment of a senior who phoned the museum, and the idea of a visitor who came to
the front desk. Both people got accounts of their own, without a password. Idempotent: an
entry already made is left as it is."""

from django.contrib.auth import get_user_model

from cms.models import ChallengePage
from partners.channels import Channel
from partners.demo import ACCOUNTS

from ..models import Comment, Proposal
from ..rules import confidential as confidential_rules
from ..rules.proposals import proposals_open
from ..rules.votes import is_voting_open
from ..services import assisted
from ..services.votes import VoteRefused

CALLER = {"email": "eila.lindqvist@tori.example", "name": "Eila L.", "language": "sv"}
VISITOR = {"email": "matti.harju@tori.example", "name": "Matti H.", "language": "fi"}
COMMENT = "Ringde museet: bra förslag, men det behövs fler sittplatser och större text."
IDEA = {
    "title": "Lainattavat lukulasit näyttelyihin",
    "summary": (
        "Vitriinien pienet tekstit ovat monelle liian pieniä. Aulaan voisi tuoda lukulaseja, "
        "joita kävijät voivat lainata näyttelykierroksen ajaksi."
    ),
    "idea_language": "fi",
}


def _live(phase_check):
    return [c for c in ChallengePage.objects.live().specific().order_by("pk") if phase_check(c)]


def seed(*, stdout) -> None:
    staff = get_user_model().objects.filter(email=ACCOUNTS["moderator"][0]).first()
    if staff is None:
        return
    made = 0
    voting = _live(lambda c: c.phase == "voting" and is_voting_open(c))
    proposal = (
        Proposal.objects.public().filter(challenge__in=voting).order_by("pk").first()
        if voting
        else None
    )
    if proposal is not None:
        try:
            outcome, _caller = assisted.vote_on_behalf(
                by=staff, proposal=proposal, consent=True, **CALLER
            )
            made += outcome.value == "cast"
        except VoteRefused:
            pass
        if not Comment.objects.filter(body=COMMENT, channel=Channel.ASSISTED).exists():
            assisted.comment_on_behalf(
                by=staff, proposal=proposal, body=COMMENT, consent=True, **CALLER
            )
            made += 1
    ideas = _live(lambda c: c.individuals_may_submit and proposals_open(c))
    if ideas and not Proposal.objects.filter(title=IDEA["title"]).exists():
        challenge = ideas[0]
        terms = confidential_rules.current_terms(challenge)
        assisted.idea_on_behalf(
            by=staff,
            challenge=challenge,
            publication_consent=True,
            accept_terms=terms is not None,
            terms_version=terms.version if terms is not None else None,
            consent=True,
            **IDEA,
            **VISITOR,
        )
        made += 1
    stdout.write(f"  entered on people's behalf: {made} new")
