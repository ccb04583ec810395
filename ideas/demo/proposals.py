"""Demo proposals, teams and comments, built through the services.

Written defensively: the challenges and organisations come from the cms and partners demos,
looked up at seed time (challenges by phase in the default locale, organisations with
verified owners); with nothing to build on it returns quietly. Idempotent: a scenario whose
proposal title already exists on its challenge is skipped.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.db.models import Q
from wagtail.models import Locale

from cms.models import ChallengePage
from partners.models import Membership, Organisation, User
from partners.rules import EDITORS, MODERATORS

from ..models import Proposal, ProposalStatus, TeamInvitation
from ..services import comments as comment_services
from ..services import proposals as services
from ..services.workflow import change_status

S = ProposalStatus

# (title, final status, consent to publication, team size in organisations; 0 is an
# individual's idea, made by a resident where the challenge accepts them)
SCENARIOS = {
    "proposals": [
        ("Museum stories by cargo bike", S.DRAFT, True, 2),
        ("Touch-and-listen tours for the visually impaired", S.SUBMITTED, True, 3),
        ("Pop-up exhibitions in libraries", S.WITHDRAWN, True, 1),
    ],
    "voting": [
        ("Family treasure hunt app", S.SUBMITTED, True, 2),
        ("Senior afternoons with live music", S.SUBMITTED, True, 3),
        ("Night at the museum for teenagers", S.SUBMITTED, True, 1),
        ("Grandparents' storytelling corner", S.SUBMITTED, True, 0),
    ],
    "evaluation": [
        ("Virtual school visits", S.SHORTLISTED, True, 2),
        ("Multilingual audio guide", S.SUBMITTED, True, 1),
        ("Sensory-friendly quiet mornings", S.SUBMITTED, True, 2),
    ],
    "piloting": [
        ("Memory café for people with dementia", S.SELECTED, True, 3),
        ("Escape room in the archive", S.DECLINED, True, 2),
    ],
    "closed": [
        ("Museum on wheels", S.SELECTED, True, 2),
        ("Augmented reality city walk", S.DECLINED, True, 1),
    ],
}


def _staff(group_name):
    return (
        User.objects.filter(Q(is_superuser=True) | Q(groups__name=group_name), is_active=True)
        .order_by("-is_superuser", "pk")
        .first()
    )


def _owner(organisation):
    membership = (
        Membership.objects.filter(
            organisation=organisation,
            role=Membership.Role.OWNER,
            user__email_verified_at__isnull=False,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def seed(*, stdout) -> None:
    try:
        locale = Locale.get_default()
    except Locale.DoesNotExist:
        stdout.write("  proposals: no default locale yet, skipped")
        return
    challenges = list(ChallengePage.objects.live().filter(locale=locale).order_by("pk"))
    organisations = [
        org
        for org in Organisation.objects.filter(memberships__role=Membership.Role.OWNER)
        .distinct()
        .order_by("pk")
        if _owner(org)
    ]
    if not challenges or not organisations:
        stdout.write(
            "  proposals: no challenges or organisations with verified owners yet, skipped"
        )
        return
    editor = _staff(EDITORS)
    moderator = _staff(MODERATORS)
    Group.objects.get_or_create(name=MODERATORS)
    residents = list(
        User.objects.filter(
            email_verified_at__isnull=False, is_active=True, memberships__isnull=True
        ).order_by("pk")[:5]
    ) or [_owner(organisations[-1])]
    made = 0
    rotation = 0
    for challenge in challenges:
        for title, status, consent, size in SCENARIOS.get(challenge.phase, []):
            if Proposal.objects.filter(challenge=challenge, title=title).exists():
                continue
            if size == 0:
                if challenge.individuals_may_submit:
                    _build_individual(challenge, title, status, consent, residents[-1])
                    made += 1
                continue
            team = [
                organisations[(rotation + i) % len(organisations)]
                for i in range(min(size, len(organisations)))
            ]
            rotation += 1
            proposal = _build(challenge, title, status, consent, team, editor)
            _comment(proposal, team, residents, moderator, hide=(made == 1))
            made += 1
    stdout.write(f"  proposals: {made} created")


def _build(challenge, title, status, consent, team, editor):
    lead_org, others = team[0], team[1:]
    lead = _owner(lead_org)
    # Built as it would have happened: while proposals were open.
    when = challenge.proposals_open + timedelta(hours=1)
    groups = list(challenge.customer_groups.all()[:2])
    proposal = services.proposal_start(
        user=lead,
        challenge=challenge,
        organisation=lead_org,
        title=title,
        summary=f"{title}: a service for the museum's customers, developed together.",
        body="What we offer.\nHow we pilot it.\nWhat it costs.",
        customer_groups=groups,
        language="fi",
        now=when,
    )
    services.proposal_update(
        proposal=proposal,
        by=lead,
        expected_version=1,
        title=title,
        summary=proposal.summary,
        body=proposal.body + "\nWho benefits and how we measure it.",
        customer_groups=groups,
        now=when,
    )
    for org in others:
        owner = _owner(org)
        if owner is None or owner == lead:
            continue
        _, token = services.invitation_create(
            proposal=proposal,
            by=lead,
            email=owner.email,
            kind=TeamInvitation.Kind.ORGANISATION,
            now=when,
        )
        try:
            services.invitation_accept(token=token, user=owner, organisation=org)
        except services.ProposalError:
            continue
    proposal = Proposal.objects.select_related("challenge").get(pk=proposal.pk)
    if status == S.DRAFT:
        return proposal
    services.proposal_submit(proposal=proposal, by=lead, publication_consent=consent, now=when)
    if status == S.WITHDRAWN:
        services.proposal_withdraw(
            proposal=proposal, by=lead, reason="We joined another team.", now=when
        )
    elif status == S.SHORTLISTED:
        change_status(
            proposal=proposal,
            to_status=S.SHORTLISTED,
            by=editor,
            reason="A strong fit for the brief.",
        )
    elif status in (S.SELECTED, S.DECLINED):
        change_status(
            proposal=proposal,
            to_status=S.SHORTLISTED,
            by=editor,
            reason="A strong fit for the brief.",
        )
        reason = (
            "Selected for a pilot."
            if status == S.SELECTED
            else "The budget does not stretch to it this time."
        )
        change_status(proposal=proposal, to_status=status, by=editor, reason=reason)
    return proposal


def _build_individual(challenge, title, status, consent, author):
    """A resident's own idea: no lead organisation, the resident alone in the team."""
    when = challenge.proposals_open + timedelta(hours=2)
    proposal = services.proposal_start(
        user=author,
        challenge=challenge,
        organisation=None,
        title=title,
        summary=f"{title}: an idea from a resident who visits the museum with grandchildren.",
        body="Grandparents tell the children what the objects meant in their own childhood.",
        customer_groups=list(challenge.customer_groups.all()[:1]),
        language="fi",
        now=when,
    )
    proposal = Proposal.objects.select_related("challenge").get(pk=proposal.pk)
    if status != S.DRAFT:
        services.proposal_submit(
            proposal=proposal, by=author, publication_consent=consent, now=when
        )
    return proposal


def _comment(proposal, team, residents, moderator, *, hide):
    lead = _owner(team[0])
    if proposal.is_public and residents:
        question = comment_services.comment_post(
            proposal=proposal,
            author=residents[0],
            body="Would this work for grandparents with small children too?",
        )
        comment_services.comment_post(
            proposal=proposal,
            author=lead,
            body="Yes: the tours have a family version.",
            parent=question,
        )
        if hide and len(residents) > 1:
            bad = comment_services.comment_post(
                proposal=proposal, author=residents[1], body="This is a stupid idea and so are you."
            )
            comment_services.comment_report(comment=bad, reporter=residents[0], reason="Insulting")
            if moderator is not None:
                comment_services.comment_hide(
                    comment=bad, by=moderator, reason="Personal insults break the rules."
                )
    if proposal.status not in (S.DRAFT,):
        comment_services.comment_post(
            proposal=proposal,
            author=lead,
            body="Team note: check the pilot budget before Friday.",
            visibility="team",
        )
