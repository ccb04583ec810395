"""Demo scores back to the teams and a decision deadline that has passed — idempotently.

- The challenges whose evaluation is over (piloting, closed) get the evaluators' reviews of
  their decided proposals, with comments for the team, so that a team member (e.g. the demo
  partner of Museotech Oy) reads the team's scores on the proposal page. The evaluation is
  over, so the review services refuse to write: the reviews are recorded as submitted while
  the evaluation was running, as the proposals demo records its past status changes.
- The challenge in evaluation promised its decisions two days after proposals (and votes)
  closed; its proposals still waiting are overdue on the staff's list and dashboard.

A proposal that already has a review from an evaluator is left alone; a challenge that already
has a decision date keeps it.
"""

from datetime import timedelta

from django.utils import timezone

from cms.models import ChallengePage
from partners.models import User
from partners.rules import EVALUATORS

from ..models import CriterionScore, Proposal, ProposalStatus, Review
from ..rules import reviews as rules
from ..selectors.reviews import challenge_criteria
from ..services import reviews as services

# Written by the museum's evaluators, in Finnish, for the teams.
TEAM_COMMENTS = {
    ProposalStatus.SELECTED: [
        "Vahva ja huolellisesti perusteltu ehdotus. Pilotin mittarit on mietitty hyvin.",
        "Kävijän näkökulma näkyy koko suunnitelmassa. Budjetti on realistinen.",
    ],
    ProposalStatus.SHORTLISTED: [
        "Hyvä idea, jota kannattaa kehittää. Aikataulua kannattaa vielä tarkentaa.",
        "Kohderyhmä on selvä. Kerro tarkemmin, miten palvelua ylläpidetään pilotin jälkeen.",
    ],
    ProposalStatus.DECLINED: [
        "Kiinnostava ajatus, mutta kustannukset jäivät epäselviksi.",
        "Toteutus olisi ollut museolle liian raskas ylläpitää. Kokeile ideaa pienemmässä mittakaavassa.",
    ],
}
# 1–5 scores per decision, varied by evaluator and criterion.
SCORE_BASE = {ProposalStatus.SELECTED: 4, ProposalStatus.SHORTLISTED: 3, ProposalStatus.DECLINED: 2}
DECISIONS_AFTER_CLOSING = timedelta(days=2)


def _evaluators() -> list:
    users = list(User.objects.filter(groups__name=EVALUATORS, is_active=True).order_by("pk"))
    users.sort(key=lambda user: not user.email.startswith("evaluator"))
    return users[:2]


def _evaluated_challenges() -> list:
    return [
        challenge
        for challenge in ChallengePage.objects.live().order_by("pk")
        if rules.is_evaluation_over(challenge)
        and Proposal.objects.filter(
            challenge=challenge, status__in=rules.DECISION_STATUSES
        ).exists()
    ]


def _review(proposal, evaluator, criteria, index, when) -> bool:
    if Review.objects.filter(proposal=proposal, evaluator=evaluator).exists():
        return False
    if rules.has_membership_conflict(evaluator, proposal):
        return False
    comments = TEAM_COMMENTS[proposal.status]
    review = Review.objects.create(
        proposal=proposal,
        evaluator=evaluator,
        comment="Arvioitu arviointiperusteiden mukaan.",
        comment_for_team=comments[index % len(comments)],
        submitted_at=when,
    )
    base = SCORE_BASE[proposal.status]
    for order, criterion in enumerate(criteria):
        score = min(5, max(1, base + (proposal.pk * 3 + order * 2 + index) % 3 - 1 + index))
        CriterionScore.objects.create(review=review, criterion=criterion, score=score)
    return True


def _seed_scores(evaluators) -> int:
    written = 0
    for challenge in _evaluated_challenges():
        criteria = challenge_criteria(challenge=challenge)
        when = challenge.evaluation_end - timedelta(days=3)
        proposals = Proposal.objects.filter(
            challenge=challenge, status__in=rules.DECISION_STATUSES
        ).order_by("pk")
        for index, evaluator in enumerate(evaluators):
            services.evaluator_assign(challenge=challenge, evaluator=evaluator)
            for proposal in proposals:
                proposal.challenge = challenge
                written += _review(proposal, evaluator, criteria, index, when)
    return written


def _seed_deadline() -> str | None:
    """Give the challenge in evaluation a decision date that has passed. Its title, or None."""
    now = timezone.now()
    for challenge in ChallengePage.objects.live().order_by("pk"):
        if not rules.is_in_evaluation(challenge):
            continue
        closed = challenge.voting_close or challenge.proposals_close
        due = closed + DECISIONS_AFTER_CLOSING
        if challenge.decisions_due is not None or due >= now:
            return None
        if not Proposal.objects.filter(
            challenge=challenge, status=ProposalStatus.SUBMITTED
        ).exists():
            return None
        for copy in ChallengePage.objects.filter(translation_key=challenge.translation_key):
            copy.decisions_due = due
            revision = copy.save_revision()
            if copy.live:
                revision.publish()
        return challenge.title
    return None


def seed(*, stdout) -> None:
    evaluators = _evaluators()
    if not evaluators:
        stdout.write("  scores back: skipped (needs an Evaluators-group member)")
        return
    written = _seed_scores(evaluators)
    overdue = _seed_deadline()
    stdout.write(
        f"  scores back: {written} reviews with comments for the team"
        + (f"; decisions due on “{overdue}” have passed" if overdue else "")
    )
