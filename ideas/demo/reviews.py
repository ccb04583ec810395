"""Demo evaluation: a challenge in evaluation with assigned evaluators, submitted and draft
reviews and a declared conflict of interest — built through the services, idempotently.

Other parts build the people, challenges and proposals; when there is no Evaluators-group
member or no challenge in evaluation with submitted proposals, this step does nothing."""

from cms.models import ChallengePage
from partners.models import User
from partners.rules import EVALUATORS

from ..models import Proposal, Review
from ..rules import reviews as rules
from ..selectors.reviews import challenge_criteria
from ..services import reviews as services

CONFLICT_REASON = "Olen neuvonut vastuuorganisaatiota tässä palvelussa viimeisen vuoden aikana."
# The evaluators are the museum's staff and write in Finnish.
REVIEW_COMMENTS = [
    "Selkeä suunnitelma ja realistinen budjetti. Pilotin paikka pitää vielä varmistaa.",
    "Sopii hyvin opetussuunnitelmaan. Opettajan materiaalit kannattaa testata ennen pilottia.",
    "Hyvä idea, mutta aikataulu on tiukka. Kuinka monta luokkaa ehtii mukaan?",
    "Toimii koulujen laitteilla. Skaalautuvuus muihin kaupunkeihin jää vielä epäselväksi.",
]


def _evaluators() -> list:
    users = list(User.objects.filter(groups__name=EVALUATORS, is_active=True).order_by("pk"))
    # The demo evaluator account (evaluator@…) first.
    users.sort(key=lambda user: not user.email.startswith("evaluator@"))
    return users


def _challenge_in_evaluation():
    for challenge in ChallengePage.objects.live().order_by("pk"):
        if (
            rules.is_in_evaluation(challenge)
            and Proposal.objects.filter(
                challenge=challenge, status__in=rules.REVIEWABLE_STATUSES
            ).exists()
        ):
            return challenge
    return None


def seed(*, stdout) -> None:
    evaluators = _evaluators()
    challenge = _challenge_in_evaluation()
    if not evaluators or challenge is None:
        stdout.write(
            "  reviews: skipped (needs an Evaluators-group member and a challenge in evaluation)"
        )
        return
    criteria = challenge_criteria(challenge=challenge)
    proposals = list(
        Proposal.objects.filter(challenge=challenge, status__in=rules.REVIEWABLE_STATUSES).order_by(
            "pk"
        )
    )
    for proposal in proposals:
        proposal.challenge = challenge
    created = 0
    for index, evaluator in enumerate(evaluators):
        services.evaluator_assign(challenge=challenge, evaluator=evaluator)
        services.conflicts_record_detected(evaluator=evaluator, challenge=challenge)
        done = set(
            Review.objects.filter(evaluator=evaluator, proposal__in=proposals).values_list(
                "proposal", flat=True
            )
        )
        for position, proposal in enumerate(proposals):
            if proposal.pk in done:
                continue
            if index == 0 and position == 0 and len(proposals) > 2:
                services.conflict_declare(
                    evaluator=evaluator,
                    proposal=proposal,
                    reason=CONFLICT_REASON,
                )
            else:
                scores = {
                    c.pk: 1 + (proposal.pk + order + index) % 5 for order, c in enumerate(criteria)
                }
                # The demo evaluator leaves their last review as a draft with one score missing.
                draft = index == 0 and position == len(proposals) - 1
                if draft and criteria:
                    scores[criteria[-1].pk] = None
                services.review_save(
                    evaluator=evaluator,
                    proposal=proposal,
                    scores=scores,
                    comment=REVIEW_COMMENTS[(position + index) % len(REVIEW_COMMENTS)],
                    submit=not draft,
                )
            created += 1
    stdout.write(
        f"  reviews: {len(evaluators)} evaluators on “{challenge.title}”, {created} reviews or conflicts added"
    )
