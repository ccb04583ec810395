"""A demo official answer: the city answers a proposal the demo resident voted for."""

from django.conf import settings

from partners import notices as following
from partners.demo import ACCOUNTS
from partners.models import User

from ..models import OfficialAnswer, Proposal, Vote
from ..services.answers import post_official_answer

CHALLENGE_SLUG = "perheviikonloput"

ANSWER = {
    "fi": (
        "Kiitos ehdotuksesta! Museo selvittää äänestyksen aikana, voisiko ohjelman kokeilla jo "
        "kevään perheviikonloppuina. Kerromme päätöksestä täällä."
    ),
    "sv": (
        "Tack för förslaget! Under omröstningen utreder museet om programmet kunde prövas redan "
        "under vårens familjeveckoslut. Vi berättar om beslutet här."
    ),
    "en": (
        "Thank you for the proposal! During the vote, the museum is looking into whether the "
        "programme could be tried out at the spring family weekends. We will tell you of the "
        "decision here."
    ),
}


def seed(*, stdout) -> None:
    resident = User.objects.filter(email=ACCOUNTS["resident"][0]).first()
    editor = User.objects.filter(email=ACCOUNTS["editor"][0]).first()
    public = Proposal.objects.public().filter(
        challenge__slug=CHALLENGE_SLUG,
        challenge__locale__language_code=settings.LANGUAGE_CODE,
    )
    voted = public.filter(pk__in=Vote.objects.filter(user=resident).values("proposal"))
    proposal = voted.order_by("pk").first() or public.order_by("pk").first()
    if editor is None or proposal is None:
        stdout.write("  official answer: skipped (needs the editor and a public proposal)")
        return
    if OfficialAnswer.objects.filter(proposal=proposal).exists():
        return
    if resident is not None:
        following.follow(resident, proposal)  # as voting for it would have
    original = settings.LANGUAGE_CODE
    post_official_answer(
        proposal=proposal,
        by=editor,
        body=ANSWER[original],
        language=original,
        translations={code: {"body": text} for code, text in ANSWER.items() if code != original},
    )
    stdout.write(f"  official answer to “{proposal.title}”")
