"""Demo pilots and offerings, built through the services (see `manage.py seed_demo`).

Idempotent: pilots are made only for stages that have none yet, offerings only for slugs that
do not exist. Written defensively, because the other apps' demo content may vary: it uses the
organisations, customer groups and themes that exist when it runs, selects submitted proposals
through the proposal workflow if no selected ones exist, and returns if there are no proposals.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from cms.models import CustomerGroup, Theme
from ideas.models import Proposal, ProposalStatus
from ideas.rules import is_team_member
from ideas.services.workflow import TransitionError, change_status
from partners.models import Organisation
from partners.rules import EDITORS

from . import services
from .models import Feedback, Offering, Pilot, PilotOutcome, PilotStage, PriceModel

S = PilotStage

PILOT_PLANS = {
    # stage: (title, venue, start offset in days from today, length in days)
    S.PLANNED: ("Museum night for teenagers", "KAMU Espoo City Museum", 30, 90),
    S.RUNNING: ("Memory café for seniors", "KAMU Espoo City Museum", -60, 120),
    S.EVALUATING: ("Pop-up exhibition in the library", "Sello library", -150, 120),
    S.COMPLETED: ("Sign-language museum tours", "WeeGee exhibition centre", -300, 150),
}

OFFERINGS = [
    (
        "museum-visit-kit-for-schools",
        "Museum visit kit for schools",
        PriceModel.FIXED,
        ["espoo", "vantaa"],
    ),
    (
        "virtual-museum-tours",
        "Virtual museum tours for people who cannot visit",
        PriceModel.SUBSCRIPTION,
        ["espoo", "helsinki", "turku"],
    ),
    (
        "family-weekend-workshops",
        "Family weekend workshops",
        PriceModel.PER_USE,
        ["espoo", "tampere"],
    ),
    (
        "senior-memory-cafe",
        "Memory café package for seniors",
        PriceModel.NEGOTIABLE,
        ["espoo", "oulu"],
    ),
    (
        "multilingual-audio-guides",
        "Multilingual audio guides for tourists",
        PriceModel.PER_USE,
        ["espoo", "helsinki"],
    ),
    ("research-collection-access", "Collection access for researchers", PriceModel.FREE, ["espoo"]),
]


def _say(stdout, text):
    if stdout is not None:
        stdout.write(f"  {text}")


def _staff_user():
    User = get_user_model()
    return (
        User.objects.filter(is_superuser=True).order_by("pk").first()
        or User.objects.filter(groups__name=EDITORS).order_by("pk").first()
    )


def _residents(n=8):
    """Verified demo residents who give feedback (created once, by e-mail)."""
    User = get_user_model()
    people = []
    for i in range(1, n + 1):
        user, created = User.objects.get_or_create(
            email=f"pilot.resident{i}@example.org",
            defaults={
                "display_name": f"Resident {i}",
                "email_verified_at": timezone.now(),
                "preferred_language": "en",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        people.append(user)
    return people


def _selected_proposals(staff, needed, stdout):
    free = list(
        Proposal.objects.filter(status=ProposalStatus.SELECTED, pilot__isnull=True).order_by("pk")
    )
    if len(free) < needed:
        candidates = Proposal.objects.filter(
            status__in=[ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED], pilot__isnull=True
        ).order_by("-vote_count", "pk")
        for proposal in candidates[: needed - len(free)]:
            try:
                change_status(
                    proposal=proposal,
                    to_status=ProposalStatus.SELECTED,
                    by=staff,
                    reason="Demo pilot",
                )
            except TransitionError:
                continue
            free.append(proposal)
            _say(stdout, f"selected proposal for a pilot: {proposal.title}\n")
    return free


def _measurement_dates(start: date, end: date):
    last = min(end, date.today())
    day = start
    while day <= last:
        yield day
        day += timedelta(days=14)


def _fill_pilot(pilot, *, staff, residents, stage):
    today = date.today()
    length = (pilot.end_date - pilot.start_date).days
    plan = [
        ("Kick-off with the museum staff", 0),
        ("First visitors", length // 6),
        ("Mid-pilot review", length // 2),
        ("Final report", length),
    ]
    for title, offset in plan:
        due = pilot.start_date + timedelta(days=offset)
        services.milestone_save(
            pilot=pilot,
            by=staff,
            title=title,
            due_date=due,
            done_date=due if due <= today else None,
        )
    visits = services.indicator_save(
        pilot=pilot,
        by=staff,
        name="Visitors per week",
        unit="visitors",
        baseline=Decimal(40),
        target=Decimal(90),
    )
    queue = services.indicator_save(
        pilot=pilot,
        by=staff,
        name="Waiting time",
        unit="min",
        baseline=Decimal(15),
        target=Decimal(5),
        higher_is_better=False,
    )
    # The evaluating pilot falls short on visitors, to show an indicator behind target.
    growth = 4 if stage == S.EVALUATING else 9
    for n, day in enumerate(_measurement_dates(pilot.start_date, pilot.end_date)):
        services.measurement_add(
            indicator=visits, by=staff, date=day, value=Decimal(40 + growth * n)
        )
        services.measurement_add(
            indicator=queue, by=staff, date=day, value=Decimal(max(3, 15 - 2 * n))
        )


def _give_feedback(pilot, residents, groups, months_back):
    comments = [
        "Wonderful!",
        "Good, but too short.",
        "We will come again.",
        "Hard to find the venue.",
        "",
    ]
    for i, resident in enumerate(residents):
        feedback = services.feedback_give(
            pilot=pilot,
            user=resident,
            rating=5 - (i % 4),
            comment=comments[i % len(comments)],
            customer_group=groups[i % len(groups)] if groups else None,
        )
        # Spread the demo feedback over the past months for the dashboard.
        when = timezone.now() - timedelta(days=30 * (i % (months_back + 1)))
        Feedback.objects.filter(pk=feedback.pk).update(created_at=when)


def _seed_pilots(*, staff, stdout):
    existing = set(Pilot.objects.values_list("stage", flat=True))
    missing = [stage for stage in PILOT_PLANS if stage not in existing]
    if not missing:
        _say(stdout, "pilots exist in every stage\n")
        return
    proposals = _selected_proposals(staff, len(missing), stdout)
    if not proposals:
        _say(stdout, "no proposals to pilot: skipping pilots\n")
        return
    residents = _residents()
    for stage, proposal in zip(missing, proposals, strict=False):
        title, venue, offset, length = PILOT_PLANS[stage]
        start = date.today() + timedelta(days=offset)
        pilot = services.pilot_create(
            proposal=proposal,
            by=staff,
            title=title,
            venue=venue,
            start_date=start,
            end_date=start + timedelta(days=length),
            budget_eur=15000 + 5000 * list(PILOT_PLANS).index(stage),
            public_summary=f"{title}: a pilot at {venue}, made from the proposal chosen in the challenge.",
            published=True,
        )
        _fill_pilot(pilot, staff=staff, residents=residents, stage=stage)
        outsiders = [r for r in residents if not is_team_member(r, proposal)]
        groups = list(proposal.challenge.customer_groups.all())
        if stage != S.PLANNED:
            services.pilot_advance(pilot=pilot, to_stage=S.RUNNING, by=staff)
            _give_feedback(
                pilot, outsiders[: 3 + list(PILOT_PLANS).index(stage)], groups, months_back=3
            )
        if stage in (S.EVALUATING, S.COMPLETED):
            services.pilot_advance(pilot=pilot, to_stage=S.EVALUATING, by=staff)
        if stage == S.COMPLETED:
            services.pilot_advance(
                pilot=pilot, to_stage=S.COMPLETED, by=staff, outcome=PilotOutcome.ADOPTED
            )
        _say(stdout, f"pilot ({stage}): {title}\n")


def _seed_offerings(*, staff, stdout):
    locale = Locale.get_default()
    groups = list(CustomerGroup.objects.filter(locale=locale).order_by("pk"))
    themes = list(Theme.objects.filter(locale=locale).order_by("pk"))
    orgs = list(Organisation.objects.order_by("pk"))
    if len(orgs) < 2:
        _say(stdout, "fewer than two organisations: skipping offerings\n")
        return
    completed = (
        Pilot.objects.filter(stage=S.COMPLETED).select_related("proposal__challenge").first()
    )
    made = 0
    for i, (slug, title, price, cities) in enumerate(OFFERINGS):
        if Offering.objects.filter(slug=slug).exists():
            continue
        providers = {orgs[i % len(orgs)].pk, orgs[(i + 1) % len(orgs)].pk}
        extra = {}
        if i == 0 and completed is not None and not completed.offerings.exists():
            initial = services.offering_initial_from_pilot(completed)
            providers |= set(initial["providers"])
            extra = {"pilot": completed, "summary": initial["summary"]}
        # Round-robin so that every customer group is served by at least one offering.
        my_groups = [g for n, g in enumerate(groups) if n % len(OFFERINGS) == i] + groups[i : i + 1]
        services.offering_create(
            by=staff,
            slug=slug,
            title=title,
            summary=extra.pop("summary", f"{title}, a service package by several providers."),
            description="Proven with the Espoo City Museum; ready for other units and cities.",
            providers=sorted(providers),
            customer_groups=my_groups,
            themes=themes[i % len(themes) : i % len(themes) + 1] if themes else [],
            cities=cities,
            languages=["fi", "sv", "en"][: 1 + i % 3],
            price_model=price,
            contact_email="services@example.org",
            published=True,
            **extra,
        )
        made += 1
    _say(stdout, f"{made} offerings created ({Offering.objects.count()} in all)\n")


def seed(*, stdout=None) -> None:
    """Create pilots in every stage and the catalogue's offerings, if missing."""
    staff = _staff_user()
    _seed_pilots(staff=staff, stdout=stdout)
    _seed_offerings(staff=staff, stdout=stdout)
